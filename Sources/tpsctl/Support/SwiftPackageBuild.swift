import Foundation

/// The `swift` toolchain as `tpsctl build` drives it: which executable products the package
/// has, and the build of one, its compiler output passed straight through (to stderr,
/// so stdout keeps the command's own result).
struct SwiftPackageBuild {
    let packagePath: String
    /// SwiftPM's build directory; nil is the package's `.build`. A separate one lets a release
    /// build run while a debug build holds `.build`.
    let scratchPath: String?
    var configuration: BuildConfiguration = .release

    var flags: [String] { configuration.swiftBuildFlags }

    private var buildArguments: [String] { flags + (scratchPath.map { ["--scratch-path", $0] } ?? []) }

    /// Names of the package's executable products (explicit ones and executable targets,
    /// which SwiftPM turns into products of the same name).
    func executableProducts() throws -> Set<String> {
        let output = try capture(["package", "dump-package"])
        struct Manifest: Decodable {
            struct Product: Decodable {
                let name: String
                let type: [String: JSONNull?]
            }
            struct Target: Decodable {
                let name: String
                let type: String
            }
            let products: [Product]
            let targets: [Target]
        }
        struct JSONNull: Decodable {}
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(output.utf8))
        } catch {
            throw BuildCommandError("swift package dump-package in \(packagePath): unexpected output (\(error))")
        }
        let explicit = manifest.products.filter { $0.type.keys.contains("executable") }.map(\.name)
        let targets = manifest.targets.filter { $0.type == "executable" }.map(\.name)
        return Set(explicit + targets)
    }

    /// `swift build <configuration flags> --product <product>`; a failure names the product and
    /// points at the compiler errors printed just above.
    func build(product: String) throws {
        let status = try run(["build"] + buildArguments + ["--product", product], output: FileHandle.standardError)
        guard status == 0 else {
            throw BuildCommandError("swift build of \(product) failed (exit \(status)); the compiler errors are above; no image was written")
        }
    }

    /// Where the built binaries are.
    func binaryDirectory() throws -> String {
        try capture(["build"] + buildArguments + ["--show-bin-path"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `swift` and returns its stdout; stderr goes to a file, so neither pipe can fill up
    /// and block the tool, and its last line explains a failure.
    private func capture(_ arguments: [String]) throws -> String {
        let pipe = Pipe()
        let errorPath = NSTemporaryDirectory() + "tpsctl-swift-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let process = try start(arguments, output: pipe.fileHandleForWriting, errors: errors)
        try? pipe.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errors.close()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            let message = text.split(separator: "\n").last.map(String.init) ?? ""
            throw BuildCommandError("swift \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func run(_ arguments: [String], output: FileHandle) throws -> Int32 {
        let process = try start(arguments, output: output, errors: FileHandle.standardError)
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func start(_ arguments: [String], output: FileHandle, errors: FileHandle) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packagePath)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BuildCommandError("cannot run swift (is the toolchain on PATH?): \(error.localizedDescription)")
        }
        return process
    }
}
