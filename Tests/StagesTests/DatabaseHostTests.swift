import Provisioning
import Stack
import Stages
import Testing

/// Which host the services' DB_HOST names: the RDS Proxy's endpoint when the stack enables one,
/// the cluster's writer otherwise, and a local stack's `local.databaseURL` in either case (the
/// local AWS's proxy has no data plane).
@Suite("DB_HOST with and without the RDS Proxy")
struct DatabaseHostTests {
    static let outputs = [
        "rds_proxy.main": ["endpoint": "p.proxy-abc.ap-northeast-1.rds.amazonaws.com"],
        "rds_cluster.main": ["writerEndpoint": "w.cluster-abc.ap-northeast-1.rds.amazonaws.com", "port": "5432",
                             "databaseName": "ticketing", "masterUsername": "tps_admin"],
    ]

    static func host(proxy: Bool, local: Bool) throws -> String? {
        let yaml = """
        stack: dbhost
        regions:
          - name: ap-northeast-1
            cidr: 10.10.0.0/16
        dataPlane:
          aurora:
            proxy: { enabled: \(proxy) }
        \(local ? "local:\n  endpointURL: http://127.0.0.1:1\n  databaseURL: postgres://tps@127.0.0.1:5999/tps" : "")
        """
        let stack = try StackLoader.load(yaml: yaml, file: "dbhost.yaml")
        let region = RegionName("ap-northeast-1")
        let recorded = RecordedOutputs(region: region, outputs: Dictionary(uniqueKeysWithValues: Self.outputs.map { key, values in
            let (kind, name) = (String(key.split(separator: ".")[0]), String(key.split(separator: ".")[1]))
            return (ResourceAddress(region: region, stage: .dataplane, kind: kind, name: name), ResourceOutputs(values))
        }))
        let section = try ServiceEnvironment.section(stack: stack, region: region, endpointURL: nil, outputs: recorded)
        return section.values[.dbHost]
    }

    @Test("proxy enabled → the proxy's endpoint; disabled → the writer; local stacks → the local server either way")
    func host() throws {
        #expect(try Self.host(proxy: true, local: false) == "p.proxy-abc.ap-northeast-1.rds.amazonaws.com")
        #expect(try Self.host(proxy: false, local: false) == "w.cluster-abc.ap-northeast-1.rds.amazonaws.com")
        #expect(try Self.host(proxy: true, local: true) == "127.0.0.1")
        #expect(try Self.host(proxy: false, local: true) == "127.0.0.1")
    }
}
