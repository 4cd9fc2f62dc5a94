import Foundation
import Provisioning
import Testing

@Suite struct LockTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    @Test func secondAcquisitionInTheSameProcessIsRefusedUntilRelease() throws {
        let first = try StateLock.acquire(in: directory.out, command: "up --all-regions")
        do {
            _ = try StateLock.acquire(in: directory.out, command: "down")
            Issue.record("two holders")
        } catch {
            guard case let .held(holder, path, stale) = error else { throw error }
            #expect(holder == first.info)
            #expect(stale == nil)
            #expect(path.hasSuffix("infra/out/.lock"))
        }
        #expect(try StateLock.holder(in: directory.out)?.command == "up --all-regions")
        first.release()
        first.release()
        #expect(try StateLock.holder(in: directory.out) == nil)
        let second = try StateLock.acquire(in: directory.out, command: "down")
        second.release()
    }

    @Test func anotherProcessHoldingTheLockIsNamedAndSigtermReleasesIt() async throws {
        let probe = try ProbeProcess(["lock", directory.out.path])
        _ = try await probe.waitForLine("LOCKED")
        do {
            _ = try StateLock.acquire(in: directory.out, command: "up")
            Issue.record("acquired a lock another process holds")
        } catch {
            guard case let .held(holder, _, stale) = error else { throw error }
            #expect(holder.pid == probe.pid)
            #expect(stale == nil)
            #expect(error.description.contains("another tpsctl holds the lock") && error.description.contains("pid \(probe.pid)"))
            #expect(error.description.contains("'probe lock'"))
        }
        // Forcing does not take a lock from a live process on this host.
        #expect(throws: LockError.self) { try StateLock.acquire(in: directory.out, command: "up", forceUnlock: true) }

        probe.signal(SIGTERM)
        _ = try await probe.waitForLine("RELEASED")
        #expect(await probe.exitStatus() == 0)
        #expect(try StateLock.holder(in: directory.out) == nil, "released on SIGTERM")
        try StateLock.acquire(in: directory.out, command: "up").release()
    }

    @Test func aKilledHoldersLockIsStaleAndOnlyForceUnlockTakesIt() async throws {
        let probe = try ProbeProcess(["lock", directory.out.path])
        _ = try await probe.waitForLine("LOCKED")
        probe.signal(SIGKILL)
        _ = await probe.exitStatus()
        do {
            _ = try StateLock.acquire(in: directory.out, command: "up")
            Issue.record("took a stale lock without --force-unlock")
        } catch {
            guard case let .held(holder, _, stale) = error else { throw error }
            #expect(holder.pid == probe.pid)
            #expect(stale == .processGone)
            #expect(error.description.contains("rerun with --force-unlock"))
        }
        let lock = try StateLock.acquire(in: directory.out, command: "up", forceUnlock: true)
        #expect(try StateLock.holder(in: directory.out) == lock.info)
        lock.release()
    }

    @Test func anOldLockFromAnotherHostIsStale() throws {
        let old = LockInfo(
            owner: "ci", pid: 1, host: "elsewhere.example", time: Date().addingTimeInterval(-2 * 24 * 3600),
            command: "up", token: "t-old")
        try FileManager.default.createDirectory(at: directory.out, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(old).write(to: directory.out.appendingPathComponent(".lock"))
        #expect(throws: LockError.self) { try StateLock.acquire(in: directory.out, command: "up") }
        guard case .tooOld? = StateLock.staleness(of: old, bound: .seconds(3600)) else {
            Issue.record("a two-day-old lock is not stale")
            return
        }
        let fresh = LockInfo(owner: "ci", pid: 1, host: "elsewhere.example", time: Date(), command: "up", token: "t")
        #expect(StateLock.staleness(of: fresh, bound: .seconds(3600)) == nil, "another host's pid cannot be checked")
        let lock = try StateLock.acquire(in: directory.out, command: "up", forceUnlock: true)
        lock.release()
    }

    @Test func releaseNeverRemovesSomeoneElsesLock() throws {
        let mine = try StateLock.acquire(in: directory.out, command: "up")
        // Someone broke the lock and took it over meanwhile.
        let theirs = LockInfo(owner: "other", pid: getpid(), host: "h", time: Date(), command: "down", token: "theirs")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(theirs).write(to: directory.out.appendingPathComponent(".lock"))
        mine.release()
        #expect(try StateLock.holder(in: directory.out)?.token == "theirs")
    }

    @Test func withLockReleasesWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await StateLock.withLock(in: directory.out, command: "up") { () async throws -> Int in throw Boom() }
        }
        #expect(try StateLock.holder(in: directory.out) == nil)
    }
}
