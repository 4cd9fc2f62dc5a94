import Foundation

/// Renders a plan the way Terraform does, without colour:
///
///     ap-northeast-1:
///       ~ 03-dataplane/sqs_queue.commit
///           ~ visibility_timeout = 30 -> 60
///     Plan for ap-northeast-1: 0 to add, 1 to change, 0 to replace, 0 to destroy, 9 unchanged.
struct PlanRenderer {
    let showUnchanged: Bool

    func render(_ plan: Plan) -> String {
        var lines: [String] = []
        for region in plan.regions {
            lines.append("\(region.region):")
            for action in region.actions where action.kind.isChange || showUnchanged {
                lines.append(contentsOf: render(action))
            }
            lines.append(summary(region))
            lines.append("")
        }
        if plan.regions.isEmpty { lines.append("No resources selected.") }
        if !plan.hasChanges, !plan.regions.isEmpty { lines.append("No changes. The live resources match the stack.") }
        return lines.joined(separator: "\n")
    }

    private func render(_ action: PlannedAction) -> [String] {
        var lines = ["  \(action.kind.symbol) \(action.address.regional)"]
        if let note = action.note { lines.append("      # \(note)") }
        if !action.replaceReasons.isEmpty {
            lines.append("      # must be replaced: \(action.replaceReasons.joined(separator: "; "))")
        }
        let width = action.changes.map(\.field.count).max() ?? 0
        for change in action.changes {
            let field = change.field.padding(toLength: width, withPad: " ", startingAt: 0)
            if let before = change.before {
                let marker = change.forcesReplacement ? " # forces replacement" : ""
                lines.append("      ~ \(field) = \(before) -> \(change.after)\(marker)")
            } else {
                lines.append("      + \(field) = \(change.after)")
            }
        }
        return lines
    }

    private func summary(_ region: RegionPlan) -> String {
        let counts = region.summary
        let parts = [
            "\(counts[.create] ?? 0) to add", "\(counts[.update] ?? 0) to change",
            "\(counts[.replace] ?? 0) to replace", "\(counts[.delete] ?? 0) to destroy",
            "\(counts[.noop] ?? 0) unchanged",
        ]
        return "Plan for \(region.region): \(parts.joined(separator: ", "))."
    }
}
