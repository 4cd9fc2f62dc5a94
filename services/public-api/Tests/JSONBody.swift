import Foundation
import HummingbirdTesting
import NIOCore
import Ticketing

/// Request and response bodies as the contract encodes them.
enum JSONBody {
    static func buffer(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        try JSONCoding.makeDecoder().decode(type, from: Data(buffer: response.body))
    }
}
