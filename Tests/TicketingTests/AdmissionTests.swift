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

    @Test("Ready exactly when the admitted count reaches the position", arguments: [
        // (rate, position, seconds after opening, ready, leftSec)
        (100.0, 250, 2.5, true, 0),
        (100.0, 251, 2.5, false, 1),
        (100.0, 1000, 0.0, false, 10),
        (100.0, 1001, 0.0, false, 11),
        (10.0, 55, 1.0, false, 5),
        (0.5, 3, 1.0, false, 5),
        (0.5, 1, 2.0, true, 0),
        (1000.0, 1, 0.0, false, 1),
        (50.0, 500, 100.0, true, 0),
    ] as [(Double, Int64, Double, Bool, Int64)])
    func status(rate: Double, position: Int64, elapsed: Double, ready: Bool, leftSec: Int64) {
        let schedule = AdmissionSchedule(ratePerSecond: rate, openedAt: opened)
        let now = opened.addingTimeInterval(elapsed)
        #expect(schedule.status(position: position, at: now) == AdmissionStatus(ready: ready, leftSec: leftSec))
        #expect(schedule.etaSeconds(position: position, at: now) == leftSec)
        #expect(ready == (schedule.admittedCount(at: now) >= position))
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
