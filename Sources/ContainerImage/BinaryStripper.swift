/// Strips debug information and symbols from a copy of the service binary (`strip -o`); the
/// original build output is left as it is, and the copy is what goes into the image.
struct BinaryStripper {
    func strippedCopy(of binary: String, into directory: String) throws -> String {
        guard let strip = Subprocess.locate("strip") else {
            throw ContainerImageError.commandUnavailable(command: "strip", reason: "not found in PATH (install binutils)")
        }
        let output = directory + "/" + (binary.split(separator: "/").last.map(String.init) ?? "binary")
        _ = try Subprocess.checked(strip, ["--strip-all", "-o", output, binary])
        return output
    }
}
