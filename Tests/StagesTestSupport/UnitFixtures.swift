import AWSClient
import AWSSigV4
import Stack

/// A two-region stack and a client that is never called, for tests of rendering and diffing.
enum UnitFixtures {
    static func stack(cloudFront: Bool = true) throws -> Stack {
        func region(_ name: String, _ cidr: String) throws -> RegionConfig {
            RegionConfig(region: try AWSRegion(name).orThrow(name), cidr: try IPv4CIDR.parse(cidr).get(), azCount: 2)
        }
        var stack = Stack(name: "t", regions: [try region("ap-northeast-1", "10.1.0.0/16"),
                                               try region("ap-northeast-2", "10.2.0.0/16")])
        stack.cloudFront.enabled = cloudFront
        return stack
    }

    /// Signs for the region but is only stored by the resources under test.
    static func client(_ region: String = "ap-northeast-1") -> AWSClient {
        AWSClient(region: region,
                  credentialProvider: StaticCredentialProvider(
                      AWSCredentials(accessKeyId: "AKIDUNITTEST", secretAccessKey: "unit-test"), source: "unit test"),
                  endpoints: EndpointResolver(explicitURL: "http://127.0.0.1:9"))
    }
}

struct MissingFixture: Error, CustomStringConvertible {
    let description: String
}

extension Optional {
    func orThrow(_ what: String) throws -> Wrapped {
        guard let self else { throw MissingFixture(description: "fixture: \(what) did not parse") }
        return self
    }
}
