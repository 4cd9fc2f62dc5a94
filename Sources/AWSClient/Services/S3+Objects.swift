/// Objects: the local data plane's log deliveries, and emptying a bucket before deleting it.
extension S3 {
    public struct Object: Sendable, Hashable {
        public var key: String
        public var size: Int
    }

    public func putObject(_ bucket: String, key: String, body: [UInt8], contentType: String? = nil) async throws {
        _ = try await send("PutObject", method: "PUT", bucket: bucket, key: key,
                           headers: contentType.map { [(name: "Content-Type", value: $0)] } ?? [], body: body)
    }

    public func getObject(_ bucket: String, key: String) async throws -> [UInt8] {
        try await send("GetObject", method: "GET", bucket: bucket, key: key).body
    }

    /// Every object under `prefix`, page by page (ListObjectsV2, 1 000 a page).
    public func listObjects(_ bucket: String, prefix: String = "") async throws -> [Object] {
        var objects: [Object] = []
        var token: String?
        repeat {
            var query: [(name: String, value: String)] = [(name: "list-type", value: "2")]
            if !prefix.isEmpty { query.append((name: "prefix", value: prefix)) }
            if let token { query.append((name: "continuation-token", value: token)) }
            let root = try Self.xml(try await send("ListObjectsV2", method: "GET", bucket: bucket, query: query))
            objects += (root?.children("Contents") ?? []).map {
                Object(key: $0.string("Key") ?? "", size: $0.string("Size").flatMap { Int($0) } ?? 0)
            }
            token = root?.string("IsTruncated") == "true" ? root?.string("NextContinuationToken") : nil
        } while token != nil
        return objects
    }

    /// Deletes the keys, 1 000 per DeleteObjects call (its limit); a key already gone is no error.
    public func deleteObjects(_ bucket: String, keys: [String]) async throws {
        for start in stride(from: 0, to: keys.count, by: 1000) {
            let batch = keys[start..<min(start + 1000, keys.count)]
            let body = Self.document("Delete", [.leaf("Quiet", "true")] + batch.map {
                XMLTree("Object", children: [.leaf("Key", $0)])
            })
            let root = try Self.xml(try await send("DeleteObjects", method: "POST", bucket: bucket,
                                                   query: [(name: "delete", value: "")], body: body))
            if let failed = root?.children("Error").first {
                throw AWSError(code: failed.string("Code") ?? "InternalError",
                               message: "\(failed.string("Key") ?? ""): \(failed.string("Message") ?? "")",
                               requestId: nil, httpStatus: 200, service: "s3", action: "DeleteObjects")
            }
        }
    }

    /// Deletes every object, then the bucket; objects written meanwhile (a load balancer's last
    /// delivery) are deleted on the next pass. A bucket already gone is no error.
    public func emptyAndDeleteBucket(_ bucket: String, passes: Int = 5) async throws {
        var pass = 0
        while true {
            pass += 1
            do {
                try await deleteObjects(bucket, keys: try await listObjects(bucket).map(\.key))
                try await deleteBucket(bucket)
                return
            } catch let error as AWSError where error.code == ErrorCode.noSuchBucket || error.httpStatus == 404 {
                return
            } catch let error as AWSError where error.code == ErrorCode.bucketNotEmpty && pass < passes {
                continue
            }
        }
    }
}
