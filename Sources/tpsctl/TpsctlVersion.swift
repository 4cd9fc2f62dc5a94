/// The version `tpsctl --version` prints.
enum TpsctlVersion {
    static let current = "0.1.0"
}
