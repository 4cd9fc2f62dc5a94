import Foundation
import AWSClient

/// The XML counterpart of `JSONProjection`: CloudFront answers a configuration with elements
/// it defaulted (TrustedSigners, FunctionAssociations, …) besides the ones we sent. Keeping only
/// the live elements the desired document names — in the desired order, repeated elements by
/// position — compares what we manage and nothing else.
enum XMLProjection {
    static func project(_ live: XMLTree, onto desired: XMLTree) -> XMLTree {
        var kept: [XMLTree] = []
        var seen: Set<String> = []
        for child in desired.children where !seen.contains(child.name) {
            seen.insert(child.name)
            let wanted = desired.children(child.name)
            let actual = live.children(child.name)
            for (index, element) in actual.enumerated() {
                kept.append(index < wanted.count ? project(element, onto: wanted[index]) : element)
            }
        }
        let text = desired.children.isEmpty ? live.text.trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return XMLTree(live.name, text: text, children: kept)
    }

    /// Canonical text of `desired` itself (its attributes, e.g. xmlns, do not count).
    static func text(_ desired: XMLTree) -> String {
        XMLTree(desired.name, text: desired.text, children: desired.children.map(stripped)).xmlString()
    }

    /// Canonical text of `live` as seen through `desired`.
    static func text(_ live: XMLTree?, onto desired: XMLTree) -> String? {
        guard let live else { return nil }
        return project(live, onto: desired).xmlString()
    }

    private static func stripped(_ tree: XMLTree) -> XMLTree {
        XMLTree(tree.name, text: tree.text, children: tree.children.map(stripped))
    }
}
