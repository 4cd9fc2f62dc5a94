import Foundation

/// This process's CPU time so far (user + system, all threads), from getrusage: the load
/// bot's own cost, reported beside the rate it reached.
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }
}
