/// The task sizes Fargate accepts: each CPU value allows only certain memory values (MiB).
/// A task definition outside this table is rejected by RegisterTaskDefinition, so it is
/// checked up front instead.
public enum FargateSize {
    /// CPU units → allowed memory in MiB, per the Fargate task size table.
    public static let memoryByCPU: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122880, by: 8192)),
    ]

    public static var cpuValues: [Int] { memoryByCPU.keys.sorted() }

    public static func isValid(cpu: Int, memory: Int) -> Bool {
        memoryByCPU[cpu]?.contains(memory) ?? false
    }

    /// The allowed memory values for `cpu`, compactly: `512, 1024, 2048` or `1024–4096 in steps of 1024`.
    public static func describeMemory(forCPU cpu: Int) -> String {
        guard let values = memoryByCPU[cpu], let first = values.first, let last = values.last else { return "none" }
        if values.count <= 3 { return values.map(String.init).joined(separator: ", ") }
        return "\(first)–\(last) in steps of \(values[1] - first)"
    }
}
