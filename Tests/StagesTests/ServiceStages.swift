import Testing

/// Stages 04 and 05 against the local AWS: one test at a time, since each runs stages 00-05 in
/// both regions and the emulator is shared with the other suites.
@Suite("Stages 04-05 against the local AWS", .serialized)
enum ServiceStages {}
