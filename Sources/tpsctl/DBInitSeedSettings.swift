import Foundation
import Ticketing
import Yams

/// Reads the `seed:` section of a stack file into `SeedParameters` for `db-init --stack`.
/// Kept next to the command until the Stack module models the seed itself.
enum DBInitSeedSettings {
    struct SettingsError: Error, CustomStringConvertible {
        let description: String
    }

    static func load(stackFile path: String) throws(SettingsError) -> SeedParameters {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SettingsError(description: "\(path): cannot read stack file")
        }
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw SettingsError(description: "\(path): not valid YAML")
        }
        guard let root = document as? [String: Any], let seed = root["seed"] as? [String: Any] else {
            throw SettingsError(description: "\(path): missing `seed:` mapping (eventCount, sectionsPerEvent, seatsPerSection, basePriceMinor, priceStepMinor, currency)")
        }
        func integer(_ key: String) throws(SettingsError) -> Int {
            guard let value = seed[key] as? Int else {
                throw SettingsError(description: "\(path): seed.\(key) must be an integer")
            }
            return value
        }
        guard let currency = seed["currency"] as? String else {
            throw SettingsError(description: "\(path): seed.currency must be a string like JPY")
        }
        do {
            return try SeedParameters(
                eventCount: try integer("eventCount"), sectionsPerEvent: try integer("sectionsPerEvent"),
                seatsPerSection: try integer("seatsPerSection"), basePriceMinor: Int64(try integer("basePriceMinor")),
                priceStepMinor: Int64(try integer("priceStepMinor")), currency: currency)
        } catch let error as SettingsError {
            throw error
        } catch let error as SeedParameters.SeedError {
            throw SettingsError(description: "\(path): \(error.description)")
        } catch {
            throw SettingsError(description: "\(path): \(error)")
        }
    }
}
