import Crypto
import FoundationEssentials

/// Amazon S3 (REST-XML, API 2006-03-01), path-style: what tpsctl needs of it — the ALB
/// access-log buckets' settings (stage 05), emptying them on `down`, and the local data plane's
/// log objects. Every request with a body carries `Content-MD5`, which S3 requires of the
/// bucket-configuration puts and DeleteObjects (botocore: `httpChecksum.requestChecksumRequired`).
public struct S3: Sendable {
    public let client: AWSClient
    public static let xmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    public init(client: AWSClient) {
        self.client = client
    }

    /// Error codes S3 answers when the bucket, or one of its configurations, is not there.
    public enum ErrorCode {
        public static let noSuchBucket = "NoSuchBucket"
        /// CreateBucket of a bucket this account already owns: success for the owner.
        public static let bucketAlreadyOwnedByYou = "BucketAlreadyOwnedByYou"
        /// CreateBucket of a name another account holds.
        public static let bucketAlreadyExists = "BucketAlreadyExists"
        public static let bucketNotEmpty = "BucketNotEmpty"
        public static let noSuchTagSet = "NoSuchTagSet"
        public static let noSuchBucketPolicy = "NoSuchBucketPolicy"
        public static let noSuchLifecycleConfiguration = "NoSuchLifecycleConfiguration"
        public static let noSuchPublicAccessBlockConfiguration = "NoSuchPublicAccessBlockConfiguration"
        public static let noEncryptionConfiguration = "ServerSideEncryptionConfigurationNotFoundError"
    }

    /// Sends one operation on `bucket` (and `key`), the sub-resource as a query (`?policy`).
    func send(_ action: String, method: String, bucket: String, key: String? = nil,
              query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
              body: [UInt8] = []) async throws -> AWSHTTPResponse {
        var allHeaders = headers
        if !body.isEmpty {
            allHeaders.append((name: "Content-MD5", value: Data(Insecure.MD5.hash(data: body)).base64EncodedString()))
        }
        let path = "/\(bucket)" + (key.map { "/\($0)" } ?? "")
        return try await client.send(.s3, action: action,
                                     request: AWSHTTPRequest(method: method, path: path, query: query, headers: allHeaders, body: body))
    }

    /// An XML answer's root, or nil for an empty body.
    static func xml(_ response: AWSHTTPResponse) throws -> XMLTree? {
        let isEmpty = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return isEmpty ? nil : try XMLTree(parsing: response.body)
    }

    /// A request document: the root element in S3's namespace.
    static func document(_ root: String, _ children: [XMLTree]) -> [UInt8] {
        Array(XMLTree(root, attributes: ["xmlns": xmlNamespace], children: children).xmlDocument().utf8)
    }

    /// Runs a read whose "not configured" error means nil.
    static func absentOn<T>(_ codes: String..., read: () async throws -> T) async throws -> T? {
        do { return try await read() } catch let error as AWSError where codes.contains(error.code) { return nil }
    }
}
