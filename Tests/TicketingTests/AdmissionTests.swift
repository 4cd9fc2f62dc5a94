import Foundation
import Testing
import Ticketing

@Suite("Waiting-room arithmetic")
struct AdmissionTests {
    let opened = Date(timeIntervalSince1970: 1_900_000_000)

    @Test("Admitted count grows at the rate, from zero at opening")
    func admittedCount() {
        let schedule = AdmissionSchedule(ratePerSecond: 100, openedAt: opened)
        #expect(schedule.admittedCount(at: opened.addingTimeInterval(-5)) == 0)
        #expect(schedule.admittedCount(at: opened) == 0)
        #expect(schedule.admittedCount(at: opened.addingTimeInterval(0.019)) == 1)
        #expect(schedule.admittedCount(at: opened.addingTimeInterval(2.5)) == 250)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let rate: Double, position: Int64, elapsed: Double, ready: Bool, leftSec: Int64
        var testDescription: String { "rate \(rate), position \(position), after \(elapsed)s" }
    }

    @Test("Ready exactly when the admitted count reaches the position", arguments: [
        Case(rate: 100, position: 250, elapsed: 2.5, ready: true, leftSec: 0),
        Case(rate: 100, position: 251, elapsed: 2.5, ready: false, leftSec: 1),
        Case(rate: 100, position: 1000, elapsed: 0, ready: false, leftSec: 10),
        Case(rate: 100, position: 1001, elapsed: 0, ready: false, leftSec: 11),
        Case(rate: 10, position: 55, elapsed: 1, ready: false, leftSec: 5),
        Case(rate: 0.5, position: 3, elapsed: 1, ready: false, leftSec: 5),
        Case(rate: 0.5, position: 1, elapsed: 2, ready: true, leftSec: 0),
        Case(rate: 1000, position: 1, elapsed: 0, ready: false, leftSec: 1),
        Case(rate: 50, position: 500, elapsed: 100, ready: true, leftSec: 0),
        Case(rate: 100, position: 5, elapsed: -30, ready: false, leftSec: 31),
    ])
    func status(example: Case) {
        let schedule = AdmissionSchedule(ratePerSecond: example.rate, openedAt: opened)
        let now = opened.addingTimeInterval(example.elapsed)
        #expect(schedule.status(position: example.position, at: now)
                == AdmissionStatus(ready: example.ready, leftSec: example.leftSec))
        #expect(schedule.etaSeconds(position: example.position, at: now) == example.leftSec)
        #expect(example.ready == (schedule.admittedCount(at: now) >= example.position))
    }

    @Test("leftSec is honest: after waiting it, the position is ready; a second earlier it is not")
    func leftSecIsTight() {
        let schedule = AdmissionSchedule(ratePerSecond: 7.3, openedAt: opened)
        for position in stride(from: Int64(1), through: 2_000, by: 37) {
            for offset in [0.0, 0.4, 3.9, 17.25] {
                let now = opened.addingTimeInterval(offset)
                let status = schedule.status(position: position, at: now)
                guard !status.ready else { continue }
                #expect(schedule.status(position: position, at: now.addingTimeInterval(Double(status.leftSec))).ready)
                #expect(!schedule.status(position: position, at: now.addingTimeInterval(Double(status.leftSec) - 1)).ready)
            }
        }
    }

    @Test func roomStatusResponseCarriesIt() {
        let status = AdmissionSchedule(ratePerSecond: 1, openedAt: opened).status(position: 3, at: opened)
        #expect(RoomStatusResponse(status) == RoomStatusResponse(ready: false, leftSec: 3))
    }
}
