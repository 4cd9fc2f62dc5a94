import Foundation
import LocalDataPlane
import Testing
@testable import StagesTestSupport

/// Task namespaces on the host (root, iproute2): two data planes on one host, each with its
/// own names, must not take each other's task addresses.
@Suite("Task networks on a shared host")
struct TaskNetworkTests {
    @Test("a task address another data plane already routes is refused, naming the holder; the holder keeps its route")
    func addressCollision() throws {
        let first = TaskNetwork.Naming(namespacePrefix: "tpsnta-", linkPrefix: "tpsna")
        let second = TaskNetwork.Naming(namespacePrefix: "tpsntb-", linkPrefix: "tpsnb")
        defer {
            _ = try? TaskNetworkClaim.acquire(first).sweep()
            _ = try? TaskNetworkClaim.acquire(second).sweep()
        }
        // TEST-NET-2 (RFC 5737): never a real destination.
        let address = "198.51.100.\(Int.random(in: 10...250))"
        let holder = TaskNetwork(key: "aaaaaaaaaaaaaaaa", address: address, naming: first)
        try holder.create()
        let intruder = TaskNetwork(key: "bbbbbbbbbbbbbbbb", address: address, naming: second)
        let error = #expect(throws: (any Error).self) { try intruder.create() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("\(address) is already routed on this host to \(holder.hostLink)"),
                "\(String(describing: error))")
        #expect(try TaskNetwork.existing(second).isEmpty, "the refused task's namespace is removed")
        let route = try HostIP.run(["-o", "route", "show", "\(address)/32"])
        #expect(route.contains("dev \(holder.hostLink)"), "the holder keeps its route: \(route)")
        try holder.destroy()
    }

    @Test("names a live data plane holds are refused to a second one, naming the holder, and its namespace survives; released, the next claim sweeps it")
    func claimKeepsALiveDataPlanesTasks() throws {
        let naming = TaskNetwork.Naming(namespacePrefix: "tpsntc-", linkPrefix: "tpsnc")
        let holder = try TaskNetworkClaim.acquire(naming)
        let network = TaskNetwork(key: "cccccccccccccccc", address: "198.51.100.\(Int.random(in: 10...250))", naming: naming)
        try network.create()
        defer { try? network.destroy() }

        let error = #expect(throws: (any Error).self) { try TaskNetworkClaim.acquire(naming) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("belong to a running local data plane (pid \(getpid()))"),
                "\(String(describing: error))")
        #expect(try TaskNetwork.existing(naming) == [network.namespace], "a refused claim sweeps nothing")

        holder.release()
        let next = try TaskNetworkClaim.acquire(naming)
        #expect(try next.sweep() == 1)
        #expect(try TaskNetwork.existing(naming).isEmpty)
    }
}
