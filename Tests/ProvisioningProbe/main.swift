import Foundation
import Provisioning
import ProvisioningFixtures

// A second process for the engine's tests: holds the state lock, runs `up` until killed,
// or rewrites a file forever, so tests can contend for the lock and kill -9 it mid-work.
//   ProvisioningProbe lock <out-dir>                        hold the lock until SIGINT/SIGTERM
//   ProvisioningProbe apply <provider> <out-dir> <name>     up the fixture stack; hang after creating <name>
//   ProvisioningProbe rewrite <file>                        atomically rewrite <file> forever

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ProvisioningProbe: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: ProvisioningProbe lock|apply|rewrite …") }

switch arguments[1] {
case "lock":
    let directory = URL(fileURLWithPath: arguments[2])
    do {
        try await Interrupts.cancelling {
            try await StateLock.withLock(in: directory, command: "probe lock") {
                say("LOCKED \(getpid())")
                while true { try await Task.sleep(for: .seconds(60)) }
            }
        }
    } catch is CancellationError {
        say("RELEASED")
        exit(0)
    } catch {
        fail("\(error)")
    }

case "apply":
    guard arguments.count == 5 else { fail("usage: ProvisioningProbe apply <provider> <out-dir> <resource-name>") }
    let provider = FileProvider(root: URL(fileURLWithPath: arguments[2]))
    let out = URL(fileURLWithPath: arguments[3])
    let hangOn = arguments[4]
    let graph = try FixtureStack.graph(regions: ["ap-northeast-1", "ap-northeast-2"], provider: provider) { address in
        guard address.description == hangOn else { return Behaviour() }
        return Behaviour(afterCreate: { _ in
            say("CREATED \(address)")
            while true { try? await Task.sleep(for: .seconds(60)) }
        })
    }
    do {
        let report = try await StateLock.withLock(in: out, command: "probe apply") {
            await Engine(stack: FixtureStack.name, store: StateStore(root: out)).apply(graph)
        }
        say(report.succeeded ? "APPLIED" : "FAILED \(report.failures)")
    } catch {
        fail("\(error)")
    }

case "rewrite":
    let file = URL(fileURLWithPath: arguments[2])
    var generation = 0
    say("WRITING")
    while true {
        generation += 1
        let payload = ["generation": String(generation), "padding": String(repeating: String(generation % 10), count: 256 * 1024)]
        do { try AtomicFile.write(try JSONEncoder().encode(payload), to: file) } catch { fail("\(error)") }
    }

default:
    fail("unknown mode \(arguments[1])")
}
