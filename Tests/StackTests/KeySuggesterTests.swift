import Testing
@testable import Stack

@Suite struct KeySuggesterTests {
    @Test func suggestsCloseNamesOnly() {
        let keys = ["cpu", "memory", "desiredCount", "minCount", "maxCount", "healthPath"]
        #expect(KeySuggester.suggestion(for: "desired_count", among: keys) == "desiredCount")
        #expect(KeySuggester.suggestion(for: "DesiredCount", among: keys) == "desiredCount")
        #expect(KeySuggester.suggestion(for: "memroy", among: keys) == "memory")
        #expect(KeySuggester.suggestion(for: "healthpth", among: keys) == "healthPath")
        #expect(KeySuggester.suggestion(for: "colour", among: keys) == nil)
        #expect(KeySuggester.suggestion(for: "x", among: keys) == nil)
        #expect(KeySuggester.suggestion(for: "mars-central-1", among: AWSRegion.knownNames) == nil)
        #expect(KeySuggester.suggestion(for: "ap-northeast-9", among: AWSRegion.knownNames) == "ap-northeast-1")
    }

    @Test func editDistance() {
        #expect(KeySuggester.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(KeySuggester.editDistance(Array(""), Array("abc")) == 3)
        #expect(KeySuggester.editDistance(Array("same"), Array("same")) == 0)
        #expect(KeySuggester.editDistance(Array("memroy"), Array("memory")) == 1)
    }
}
