/// `casebook new`: a case file with every field of the schema, ready to fill in.
public enum NewCase {
    /// The draft for `title`: the given terms, or empty lists with a note on what belongs there.
    /// Terms missing from the site's vocabularies give warnings, as they would in a build.
    public static func draft(title: String, district: [String], mechanisms: [String], outcomes: [String],
                             date: CaseDate, vocabularies: [IndexKind: Vocabulary]) -> (CaseDraft, [Diagnostic]) {
        var draft = CaseDraft(title: title, date: date)
        draft.district = district
        draft.mechanisms = mechanisms
        draft.outcomes = outcomes
        if district.isEmpty {
            draft.notes["district"] = ["地区：从省一级写到最小的一级，例如 [甘肃省, 天水市, 秦州区, 天水郡街道]"]
        }
        for kind in [IndexKind.mechanisms, .outcomes] where (kind == .mechanisms ? mechanisms : outcomes).isEmpty {
            draft.notes[kind.rawValue] = [fillInNote(kind, vocabulary: vocabularies[kind])]
        }
        draft.notes["summary"] = ["（可选）一两句话，说清谁、用什么办法、解决了什么；去掉行首的 # 再写"]
        draft.notes["source"] = ["（可选）报道或材料的发布单位；去掉行首的 # 再写"]
        draft.notes["source_url"] = ["（可选）原文网址，如 https://example.org/news/1.html"]
        draft.notes["draft"] = ["写完后删去这一行（或改为 false）才会发布；预览草稿用 casebook serve --drafts"]
        draft.body = "## 问题\n\n\n## 做法\n\n\n## 结果\n"

        // What a build would refuse is refused before the file is written.
        var warnings: [Diagnostic] = []
        if title.count > ContentLimits.titleLength {
            warnings.append(.error("the title has \(title.count) characters, more than the \(ContentLimits.titleLength) allowed",
                                   hint: "keep the title short; the rest belongs in 'summary' or the body"))
        }
        if district.count > ContentLimits.districtLevels {
            warnings.append(.error("the district has \(district.count) levels, more than the \(ContentLimits.districtLevels) allowed",
                                   hint: "list the places from the province down: 省, 市, 区, 街道, 社区"))
        }
        for (kind, names) in [(IndexKind.districts, district), (.mechanisms, mechanisms), (.outcomes, outcomes)] {
            let vocabulary = vocabularies[kind] ?? Vocabulary(kind: kind, terms: [])
            // As in a build, a real province, city or county needs no entry in the vocabulary.
            for name in names where vocabulary.term(named: name) == nil && (kind != .districts || DivisionTable.official.named(name).isEmpty) {
                warnings.append(.warning("\(kind.singular) '\(name)' is not in \(Vocabulary.path(of: kind))",
                                         hint: unknownTermHint(name, kind: kind, vocabulary: vocabulary)))
            }
        }
        return (draft, warnings)
    }

    /// How `new --district` reads a list that may start below its province.
    public enum DistrictCompletion: Equatable {
        /// The list starts at a province, or at a place the division list does not know: as given.
        case asGiven
        /// The one chain from the province that the list can mean.
        case completed([String])
        /// The list's first name is the name of several places: the user chooses.
        case choices([[String]])
    }

    /// Completes `district` from the division list when it starts below its province:
    /// `[黄石港区]` is `[湖北省, 黄石市, 黄石港区]`.
    public static func complete(district: [String], table: DivisionTable = .official) -> DistrictCompletion {
        guard let first = district.first, !table.named(first).contains(where: { $0.level == .province }) else { return .asGiven }
        let readings = table.readings(of: district)
        switch readings.count {
        case 0: return .asGiven
        case 1: return .completed(readings[0])
        default: return .choices(readings)
        }
    }

    /// What goes in an empty `mechanisms` or `outcomes` list, with the vocabulary's first terms as examples.
    static func fillInNote(_ kind: IndexKind, vocabulary: Vocabulary?) -> String {
        let what = kind == .mechanisms ? "治理机制：用了什么办法" : "成效：带来了什么变化"
        let examples = (vocabulary?.terms ?? []).prefix(2).map(\.name)
        let example = examples.isEmpty ? "" : "，例如 [\(examples.joined(separator: ", "))]"
        return "\(what)，一个或多个，取自 \(Vocabulary.path(of: kind))\(example)"
    }
}
