// An open-loop load generator for one URL: requests are due at a fixed rate whatever the
// server does (wrk waits for each answer before sending the next, so it cannot hold a rate),
// spread over keep-alive connections, each latency counted from its due time. The proxy
// benchmarks run it at 70 % of the measured maximum rate, directly and through a proxy.
import Foundation
import NIOPosix

do {
    let options = try RateOptions(arguments: CommandLine.arguments)
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let loop = group.next()
    let result = try await loop.flatSubmit {
        OpenLoopGenerator(options: options, eventLoop: loop).run()
    }.get()
    print(result.line)
    try await group.shutdownGracefully()
} catch {
    FileHandle.standardError.write(Data("rate-bench: \(error)\n".utf8))
    exit(1)
}
