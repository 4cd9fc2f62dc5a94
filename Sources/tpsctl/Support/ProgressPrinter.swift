import Foundation
import Provisioning

/// Engine progress as lines on stderr, so stdout stays the command's result (plan, JSON).
enum ProgressPrinter {
    static let sink = EventSink { event in
        switch event {
        case .started: return  // the finished line says enough
        default: FileHandle.standardError.write(Data("\(event)\n".utf8))
        }
    }

    static func line(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
}
