import Provisioning
import Foundation

/// A real on-disk "cloud" for engine tests: each object is a JSON file under
/// `<root>/objects/<region>/<kind>/<id>.json`, and every call is appended to `<root>/calls.jsonl`
/// (one `write` with O_APPEND per line, so several processes can share the log).
public struct FileProvider: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// One API call, as logged.
    public struct Call: Sendable, Hashable, Codable {
        public let operation: String
        public let region: RegionName
        public let kind: String
        public let subject: String
        public let mutating: Bool
    }

    public func list(kind: String, region: RegionName) throws -> [StoredObject] {
        try log(Call(operation: "list", region: region, kind: kind, subject: "*", mutating: false))
        let directory = directory(kind: kind, region: region)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                return nil  // deleted between listing and reading
            }
            return try JSONDecoder.provider.decode(StoredObject.self, from: data)
        }
    }

    /// The object whose tags mark `identity`, found by listing (never from engine state).
    public func find(kind: String, identity: ResourceTags) throws -> StoredObject? {
        try list(kind: kind, region: identity.address.region).first { identity.match($0.tags) }
    }

    public func get(kind: String, region: RegionName, id: String) throws -> StoredObject? {
        try log(Call(operation: "get", region: region, kind: kind, subject: id, mutating: false))
        let url = directory(kind: kind, region: region).appendingPathComponent("\(id).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try JSONDecoder.provider.decode(StoredObject.self, from: data)
    }

    public func put(_ object: StoredObject, operation: String) throws {
        try log(Call(operation: operation, region: object.region, kind: object.kind, subject: object.id, mutating: true))
        let url = directory(kind: object.kind, region: object.region).appendingPathComponent("\(object.id).json")
        try AtomicFile.write(try JSONEncoder.provider.encode(object), to: url)
    }

    public func delete(kind: String, region: RegionName, id: String) throws {
        try log(Call(operation: "delete", region: region, kind: kind, subject: id, mutating: true))
        let url = directory(kind: kind, region: region).appendingPathComponent("\(id).json")
        try? FileManager.default.removeItem(at: url)
    }

    /// Every object, all kinds and regions.
    public func allObjects() throws -> [StoredObject] {
        let base = root.appendingPathComponent("objects")
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var objects: [StoredObject] = []
        for case let path as String in enumerator where path.hasSuffix(".json") && !path.split(separator: "/").last!.hasPrefix(".") {
            let data = FileManager.default.contents(atPath: base.appendingPathComponent(path).path) ?? Data()
            objects.append(try JSONDecoder.provider.decode(StoredObject.self, from: data))
        }
        return objects.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
    }

    public func calls() throws -> [Call] {
        guard let data = FileManager.default.contents(atPath: logFile.path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder.provider.decode(Call.self, from: Data($0.utf8))
        }
    }

    public func mutations() throws -> [Call] { try calls().filter(\.mutating) }

    public func clearCalls() {
        try? FileManager.default.removeItem(at: logFile)
    }

    private var logFile: URL { root.appendingPathComponent("calls.jsonl") }

    private func directory(kind: String, region: RegionName) -> URL {
        root.appendingPathComponent("objects").appendingPathComponent(region.rawValue).appendingPathComponent(kind)
    }

    private func log(_ call: Call) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var line = try JSONEncoder.provider.encode(call)
        line.append(0x0A)
        let fd = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProviderError(message: "cannot open \(logFile.path)") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: line)
    }
}

/// A failure of the file provider itself, or one a test injected.
public struct ProviderError: Error, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension JSONEncoder {
    static var provider: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }
}

extension JSONDecoder {
    static var provider: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
