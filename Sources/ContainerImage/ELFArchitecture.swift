/// The OCI architecture name for an ELF machine: the image's platform comes from the binary.
public enum ELFArchitecture: String, Sendable {
    case amd64
    case arm64

    public init?(machine: UInt16) {
        switch machine {
        case 62: self = .amd64    // EM_X86_64
        case 183: self = .arm64   // EM_AARCH64
        default: return nil
        }
    }

    /// The `ldconfig -p` hint that marks libraries of this architecture.
    var loaderCacheHint: String {
        switch self {
        case .amd64: return "x86-64"
        case .arm64: return "AArch64"
        }
    }

    /// The directories glibc's loader searches by itself, without /etc/ld.so.cache (which
    /// the image does not carry): Debian's multiarch system directories, then /lib, /usr/lib.
    var loaderDefaultDirectories: [String] {
        switch self {
        case .amd64: return ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib"]
        case .arm64: return ["/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib", "/usr/lib"]
        }
    }
}

extension ELFArchitecture {
    /// The architecture this process runs on (the default platform to pull).
    public static var host: ELFArchitecture {
        #if arch(arm64)
        return .arm64
        #else
        return .amd64
        #endif
    }
}
