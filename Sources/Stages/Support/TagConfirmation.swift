import Provisioning

/// Most kinds cannot be listed by tag: they are listed by name (the stack's prefix), then each
/// object's own tags confirm it is the stack's.
enum TagConfirmation {
    /// The `listed` objects tagged `tps:stack=<stack>`, known by `id`; `tags` reads one's tags.
    static func confirmed<Listed>(
        _ listed: [Listed], stack: String, id: (Listed) -> String, tags: (Listed) async throws -> [String: String]
    ) async throws -> [TaggedObject] {
        var found: [TaggedObject] = []
        for object in listed {
            let tags = try await tags(object)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedObject(id: id(object), tags: tags)) }
        }
        return found
    }
}
