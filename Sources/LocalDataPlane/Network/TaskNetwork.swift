import ContainerImage
import Foundation

/// A task's awsvpc network, made the way a CNI plugin makes it for the ECS agent: a network
/// namespace of its own whose `eth0` carries the ENI's private address, a veth pair to the
/// host, and host routes to that one address. Every name starts with a prefix of ``Naming`` so
/// a run that died is cleaned up by the next start, never by guessing: only under the prefix's
/// ``TaskNetworkClaim``, which a live data plane holds. Two data planes on one host (the lead's
/// and a test's) use different prefixes and leave each other be.
///
/// Nothing here masquerades or forwards: the namespace reaches only the host end of its link
/// (``gatewayAddress``), the task's own loopback, and what the agent binds inside it.
public struct TaskNetwork: Sendable, Hashable {
    /// The prefixes of a data plane's namespaces and host links.
    public struct Naming: Sendable, Hashable {
        public var namespacePrefix: String
        /// At most 5 bytes: a host link is this plus 10 hex digits (interface names ≤ 15 bytes).
        public var linkPrefix: String

        public init(namespacePrefix: String, linkPrefix: String) {
            precondition(linkPrefix.utf8.count <= 5, "a link prefix longer than 5 bytes makes interface names too long")
            self.namespacePrefix = namespacePrefix
            self.linkPrefix = linkPrefix
        }

        /// `tpsctl local-dataplane`'s: namespaces `tpsdp-<12 hex>`, host veth ends `tpsv<10 hex>`.
        public static let project = Naming(namespacePrefix: "tpsdp-", linkPrefix: "tpsv")
    }
    /// The host end of every task link (link-local, as ECS's own 169.254.172.0/22 bridge is).
    public static let gatewayAddress = "169.254.171.1"
    /// Where ECS serves task credentials and metadata; bound inside each namespace.
    public static let credentialsAddress = "169.254.170.2"

    public let namespace: String
    public let hostLink: String
    public let address: String

    /// `key` is the task id: the same task always gets the same names.
    public init(key: String, address: String, naming: Naming = .project) {
        let hex = key.filter(\.isHexDigit).lowercased()
        let tail = String(hex.suffix(12)).padding(toLength: 12, withPad: "0", startingAt: 0)
        namespace = naming.namespacePrefix + tail
        hostLink = naming.linkPrefix + String(tail.suffix(10))
        self.address = address
    }

    /// Creates the namespace and its link (removing a half-made one of the same task first).
    public func create() throws {
        try? destroy()
        let ip = try Self.ipTool()
        try Self.run(ip, ["netns", "add", namespace])
        do {
            try Self.run(ip, ["link", "add", hostLink, "type", "veth", "peer", "name", "eth0", "netns", namespace])
            try Self.run(ip, ["-n", namespace, "link", "set", "lo", "up"])
            try Self.run(ip, ["-n", namespace, "addr", "add", "\(address)/32", "dev", "eth0"])
            try Self.run(ip, ["-n", namespace, "addr", "add", "\(Self.credentialsAddress)/32", "dev", "lo"])
            try Self.run(ip, ["-n", namespace, "link", "set", "eth0", "up"])
            try Self.run(ip, ["-n", namespace, "route", "add", "\(Self.gatewayAddress)/32", "dev", "eth0"])
            try Self.run(ip, ["-n", namespace, "route", "add", "default", "via", Self.gatewayAddress, "dev", "eth0"])
            try Self.run(ip, ["addr", "add", "\(Self.gatewayAddress)/32", "dev", hostLink])
            try Self.run(ip, ["link", "set", hostLink, "up"])
            try routeAddress(ip)
        } catch {
            try? destroy()
            throw error
        }
    }

    /// Routes the task's address to its link — unless another link already has it: another
    /// data plane on this host (another stack with the same VPC ranges) runs a task at that
    /// address, and replacing its route would cut that task off (and deleting ours later would
    /// leave it unroutable). This run's own stale routes go with their links when swept.
    private func routeAddress(_ ip: String) throws {
        let result = try HostCommand.run(ip, ["route", "add", "\(address)/32", "dev", hostLink, "src", Self.gatewayAddress])
        guard result.status != 0 else { return }
        let holder = (try? HostCommand.run(ip, ["-o", "route", "show", "\(address)/32"]).output)?
            .split(separator: " ").drop { $0 != "dev" }.dropFirst().first.map(String.init)
        if let holder, holder != hostLink {
            throw DataPlaneError.network("\(address) is already routed on this host to \(holder) (another data plane's task "
                                         + "holds it): give this stack VPC ranges no other local stack uses")
        }
        throw DataPlaneError.network("ip route add \(address)/32: \(result.output.split(separator: "\n").first.map(String.init) ?? "status \(result.status)")")
    }

    /// Kills what still runs inside, then deletes the namespace (which takes the veth pair and
    /// the host route with it).
    public func destroy() throws {
        let ip = try Self.ipTool()
        Self.killProcesses(in: namespace, ip: ip)
        _ = try? HostCommand.run(ip, ["link", "delete", hostLink])
        let result = try HostCommand.run(ip, ["netns", "delete", namespace])
        if result.status != 0 && !result.output.contains("No such file") {
            throw DataPlaneError.network("ip netns delete \(namespace): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Removes every namespace and host link with the prefixes (a run that died leaves them);
    /// returns how many namespaces went. Only through ``TaskNetworkClaim/sweep()``: the prefix
    /// may belong to a live data plane.
    @discardableResult
    static func sweep(_ naming: Naming = .project) throws -> Int {
        let ip = try ipTool()
        let namespaces = try HostCommand.run(ip, ["netns", "list"]).output
            .split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix(naming.namespacePrefix) }
        for namespace in namespaces {
            killProcesses(in: namespace, ip: ip)
            _ = try? HostCommand.run(ip, ["netns", "delete", namespace])
        }
        let links = try HostCommand.run(ip, ["-o", "link", "show"]).output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: ":", maxSplits: 2)
            guard fields.count >= 2 else { return nil }
            let name = fields[1].trimmingCharacters(in: .whitespaces).split(separator: "@").first.map(String.init) ?? ""
            return name.hasPrefix(naming.linkPrefix) ? name : nil
        }
        for link in links { _ = try? HostCommand.run(ip, ["link", "delete", link]) }
        return namespaces.count
    }

    /// The namespaces of the project that exist now.
    public static func existing(_ naming: Naming = .project) throws -> [String] {
        try HostCommand.run(try ipTool(), ["netns", "list"]).output
            .split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix(naming.namespacePrefix) }
    }

    static func killProcesses(in namespace: String, ip: String) {
        let pids = (try? HostCommand.run(ip, ["netns", "pids", namespace]).output) ?? ""
        for pid in pids.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
    }

    static func ipTool() throws -> String {
        guard let ip = Subprocess.locate("ip") else { throw DataPlaneError.network("the ip tool is missing (install iproute2)") }
        return ip
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let result = try HostCommand.run(tool, arguments)
        guard result.status == 0 else {
            let reason = result.output.split(separator: "\n").first.map(String.init) ?? "status \(result.status)"
            throw DataPlaneError.network("ip \(arguments.joined(separator: " ")): \(reason)")
        }
    }
}
