import Foundation
import Testing
@testable import CasebookKit

/// Damaged article text in the styles web copy arrives in, written for these tests.
enum DamagedSample {
    /// Decorative symbols through every sentence, inside quotes too, beside real hyphens and list markers.
    static let symbols = """
        社区△☆▷◇=●•▼书记登台▲▪-◇“打擂◇○”★,一年办成12件实事■▪。
        日期写作2021-6-18,每栋楼住10-◆15户=△,“议事▲-会◁”每月开一次。
        • 列表第一项
        - 列表第二项
        二○二一年起,党组织+业委会+物业☆-•一起商量……
        """

    /// Traditional characters, each followed by its pinyin, next to parentheses that are real.
    static let pinyin = """
        藉水北路社區(qū)的居民議事會(huì)(以下簡(jiǎn)稱“議事會(huì)”)有(a)(b)兩(liǎng)種議題,見附件(PDF)。
        """

    /// A Traditional article with one spot beyond repair.
    static let garbled = """
        議事會(huì)開過以後,問題解決起來也方便多了!張ぬ玉華(huá)主任說。
        這樣的議事會(huì)已經(jīng)開了十二次。
        """

    /// A newspaper page: page list, headline, subtitle, byline with date, credits, navigation.
    static let newspaper = """
        A01版:要闻

        A02版:本地

        B03版:社区·民生

        楼道里亮起了“红灯笼”

        南关街道推进楼院党建

        某某晚报     2021年3月8日
          记者 王小明 通讯员 李红
          今年以来,南关街道在36个楼院成立了楼院党小组,党员认领楼道。
        办实事 解难题
          居民反映的48件难事,已有41件办结。

        上一篇 下一篇
        """

    /// A portal page: column line, headline, author, chrome, and a publishing line at the end.
    static let portal = """
        某某党建网 基层风采·经验交流

        从“没人管”到“有人管”

        某某县委组织部 赵文

        某某党建网来稿 纠错 打印
        关闭窗口 扫一扫 ×
          某某县湖滨社区的纺织厂宿舍建于1985年,共有64户。
        来源:某某党建网 发布时间:2021-3-5 09:30 浏览次数:88

        回复
        """

    /// A government portal: breadcrumb, font-size and print bar, share bar around the headline.
    static let government = """
        首页 > 新闻中心 > 基层动态
        湖滨社区议事会让老旧小区装上了路灯
        发布时间：2022-04-18 10:05 来源：某某区人民政府
        【字号：大 中 小】【打印】【纠错】
        分享到：微信 微博 QQ空间
        今年以来,某某区湖滨社区召开居民议事会,商定给老旧小区装路灯。
        议事会后两周,32盏路灯全部亮了起来,居民夜里出行安心多了。
        当前位置：首页 » 政务公开 » 基层动态
        """
}

@Suite struct ImportCleaningTests {
    @Test func decorativeSymbolsGoButHyphensListMarkersAndNumeralsStay() {
        let result = ArticleCleaner().clean(DamagedSample.symbols)
        #expect(result.lines == [
            "社区书记登台“打擂”,一年办成12件实事。",
            "日期写作2021-6-18,每栋楼住10-15户,“议事会”每月开一次。",
            "• 列表第一项",
            "- 列表第二项",
            "二○二一年起,党组织+业委会+物业一起商量……",
        ])
        #expect(result.symbolsRemoved == 21)
        #expect(result.garbled.isEmpty)
    }

    @Test func pinyinAnnotationsGoButRealParenthesesStay() {
        let result = ArticleCleaner(knownNames: ["藉水北路社区"]).clean(DamagedSample.pinyin)
        #expect(result.lines == ["藉水北路社区的居民议事会(以下简称“议事会”)有(a)(b)两种议题,见附件(PDF)。"])
        #expect(result.pinyinRemoved == 5)
    }

    @Test func keepScriptLeavesTraditionalCharactersButRemovesPinyin() {
        let result = ArticleCleaner(simplify: false).clean(DamagedSample.pinyin)
        #expect(result.lines == ["藉水北路社區的居民議事會(以下簡稱“議事會”)有(a)(b)兩種議題,見附件(PDF)。"])
        #expect(result.charactersSimplified == 0)
    }

    @Test func theConversionDoesNotRespellANameTheSiteKnows() {
        // ICU's Hant-Hans turns 藉 into 借, which is wrong in the name of the 藉水 river.
        #expect(ArticleCleaner().clean(DamagedSample.pinyin).lines[0].hasPrefix("借水北路社区"))
        #expect(ArticleCleaner(knownNames: ["藉水北路社区"]).clean(DamagedSample.pinyin).lines[0].hasPrefix("藉水北路社区"))
    }

    @Test func simplifiedTextIsNotConverted() {
        let text = "乾隆年间修的老街,如今由居民议事会管理。社区干部每周来一次。"
        #expect(ArticleCleaner().clean(text).lines == [text])
    }

    @Test func garbledTextIsKeptAndReportedWithItsPlace() {
        let result = ArticleCleaner().clean(DamagedSample.garbled)
        #expect(result.lines == ["议事会开过以后,问题解决起来也方便多了!张ぬ玉华(huá)主任说。", "这样的议事会已经开了十二次。"])
        #expect(result.garbled == [.init(line: 1, column: 26, found: "張ぬ玉華(huá)")])
    }

    @Test func pinyinThatLostItsOpeningParenthesisMarksGarbling() {
        let result = ArticleCleaner(simplify: false).clean("帮他照顧?guān)従樱@些小事")
        #expect(result.garbled.map(\.found) == ["照顧?guān)従樱@些小"])
        #expect(result.lines == ["帮他照顧?guān)従樱@些小事"])
    }

    @Test(arguments: ["(a)", "(PDF)", "(abc)", "(ng)", "(zhōng guó)"])
    func latinInParenthesesIsNotPinyin(_ text: String) {
        #expect(ArticleCleaner().clean("附件" + text).lines == ["附件" + text])
    }

    @Test func spacesAreTrimmedAndCollapsed() {
        #expect(ArticleCleaner().clean("\u{3000}\u{3000}居民  代表\u{00A0}发言。 ").lines == ["居民 代表 发言。"])
    }
}

@Suite struct ImportDraftTests {
    let site = ArticleImport.Site(
        vocabularies: [
            .mechanisms: Vocabulary(kind: .mechanisms, terms: [Term(name: "楼院党小组"), Term(name: "居民议事会", aliases: ["居民議事會"]),
                                                              Term(name: "乐邻圈议事会")]),
            .outcomes: Vocabulary(kind: .outcomes, terms: [Term(name: "矛盾纠纷化解"), Term(name: "环境整治")]),
        ],
        districtPaths: [["甘肃省", "天水市", "秦州区", "天水郡街道", "藉水北路社区"], ["甘肃省", "天水市", "秦州区", "大城街道"],
                        ["山东省", "某某市", "南关街道"]])

    private func importing(_ text: String, path: String = "article.txt") throws -> ArticleImport.Outcome {
        try ArticleImport(site: site).draft(from: SourceFile(path: path, text: text))
    }

    @Test func anArticleWithNoTextIsAnErrorNamingTheFile() {
        for (text, hint) in [("\n  \n", "copy the article's text into this file"),
                             ("A01版:要闻\n\n上一篇 下一篇\n回复\n", "every line is page navigation or a credit; copy the article's own text too")] {
            #expect(throws: Diagnostic.error("there is no article text here", at: SourceLocation(path: "empty.txt", line: 1), hint: Message(stringLiteral: hint))) {
                try ArticleImport(site: site).draft(from: SourceFile(path: "empty.txt", text: text))
            }
        }
    }

    @Test func aNewspaperPageBecomesADraftWithTitleDateAndPublisher() throws {
        let outcome = try importing(DamagedSample.newspaper)
        #expect(outcome.draft.text == """
            ---
            title: 楼道里亮起了“红灯笼”
            date: 2021-03-08
            # 地区：文中提到 南关街道（2 处）；请核对
            district: [山东省, 某某市, 南关街道]
            # 文中出现 楼院党小组（1 处）
            mechanisms: [楼院党小组]
            # 成效：带来了什么变化，一个或多个，取自 Content/vocabularies/outcomes.yml，例如 [矛盾纠纷化解, 环境整治]（文中没有找到）
            outcomes: []
            # summary: （可选）一两句话，说清谁、用什么办法、解决了什么；去掉行首的 # 再写
            source: 某某晚报
            # 导入的草稿：核对正文和上面的建议后删去这一行，才会发布
            draft: true
            ---

            <!--
            casebook import: cleaned from article.txt
            removed 3 lines between 1 and 5, newspaper page list: A01版:要闻 … B03版:社区·民生
            removed line 11, byline: 某某晚报 2021年3月8日
            removed line 12, editor credit: 记者 王小明 通讯员 李红
            removed line 17, page navigation: 上一篇 下一篇
            -->

            南关街道推进楼院党建

            今年以来,南关街道在36个楼院成立了楼院党小组,党员认领楼道。

            ## 办实事 解难题

            居民反映的48件难事,已有41件办结。

            """)
        #expect(outcome.warnings.isEmpty)
    }

    @Test func aPortalPageLosesItsChromeAndGivesItsPublishingDate() throws {
        let outcome = try importing(DamagedSample.portal)
        #expect(outcome.draft.title == "从“没人管”到“有人管”")
        #expect(outcome.draft.date == CaseDate(year: 2021, month: 3, day: 5))
        #expect(outcome.draft.source == "某某党建网")
        #expect(outcome.draft.body.contains("removed line 1, portal column: 某某党建网 基层风采·经验交流\n"))
        #expect(outcome.draft.body.contains("removed line 10, publishing line: 来源:某某党建网 发布时间:2021-3-5 09:30 浏览次数:88\n"))
        #expect(outcome.draft.body.hasSuffix("-->\n\n某某县委组织部 赵文\n\n某某县湖滨社区的纺织厂宿舍建于1985年,共有64户。\n"))
    }

    @Test func aGovernmentPortalLosesItsBreadcrumbsAndButtonBarsAndKeepsItsHeadline() throws {
        let outcome = try importing(DamagedSample.government)
        #expect(outcome.draft.title == "湖滨社区议事会让老旧小区装上了路灯")
        #expect(outcome.draft.date == CaseDate(year: 2022, month: 4, day: 18))
        #expect(outcome.draft.source == "某某区人民政府")
        for removed in ["removed line 1, breadcrumb: 首页 > 新闻中心 > 基层动态", "removed line 4, page navigation: 【字号：大 中 小】【打印】【纠错】",
                        "removed line 5, page navigation: 分享到：微信 微博 QQ空间", "removed line 8, breadcrumb: 当前位置：首页 » 政务公开 » 基层动态"] {
            #expect(outcome.draft.body.contains(removed), "\(removed)")
        }
        // Below the comment that lists what was removed: the article's two paragraphs and nothing else.
        let text = try #require(outcome.draft.body.components(separatedBy: "-->\n\n").last)
        #expect(text == "今年以来,某某区湖滨社区召开居民议事会,商定给老旧小区装路灯。\n\n议事会后两周,32盏路灯全部亮了起来,居民夜里出行安心多了。\n")
    }

    @Test func aDateWithoutAYearIsLeftEmptyAndFlagged() throws {
        let outcome = try importing("3月5日,社区召开居民议事会。\n会上决定加装路灯,大家一致同意这个办法。")
        #expect(outcome.draft.date == nil)
        #expect(outcome.draft.notes["date"] == ["日期：原文只写了“3月5日”，没有年份，请补全（YYYY-MM-DD）"])
        #expect(outcome.warnings.map(\.message).contains("the date 3月5日 has no year; the draft's date is left empty"))
        #expect(outcome.draft.text.contains("\ndate: \"\"\n"))
    }

    @Test func garbledTextIsFlaggedInTheDraftAndOnStandardError() throws {
        let outcome = try importing(DamagedSample.garbled, path: "old.txt")
        let warning = outcome.warnings.first { $0.message.hasPrefix("garbled") }
        #expect(warning?.message == "garbled text kept as found: \"張ぬ玉華(huá)\"")
        #expect(warning?.location == SourceLocation(path: "old.txt", line: 1, column: 26))
        #expect(outcome.draft.body.contains("""
            <!--
            casebook import: garbled text kept as found on line 1: 張ぬ玉華(huá)
            compare it with the original article and rewrite this spot
            -->

            议事会开过以后,问题解决起来也方便多了!张ぬ玉华(huá)主任说。
            """))
    }

    @Test func placesAreNarrowedToWhatTheMentionsShare() {
        let terms = ArticleTerms(text: "天水郡街道藉水北路社区和大城街道都建了议事会,大城街道还有时间银行。")
        let (path, mentions) = terms.district(known: site.districtPaths, vocabulary: nil)
        #expect(path == ["甘肃省", "天水市", "秦州区"])
        #expect(mentions.map(\.name) == ["大城街道", "天水郡街道", "藉水北路社区"])
    }

    /// A site that knows no places yet gets them from the division list: the whole chain, even
    /// where the text leaves a level out, and the streets and communities written after the county.
    @Test func aWrittenChainOfPlacesServesASiteThatKnowsNone() {
        let terms = ArticleTerms(text: "湖北省老河口市酂南社区有个老院子,1985年建成。")
        #expect(terms.district(known: [], vocabulary: nil).path == ["湖北省", "襄阳市", "老河口市", "酂南社区"])
    }

    /// The words before a place are never taken as part of its name.
    @Test(arguments: [
        ("本报讯 近日,记者走进武汉市江岸区长青街道幸福里社区,看到居民正在议事。", ["湖北省", "武汉市", "江岸区", "长青街道", "幸福里社区"]),
        ("在黄石港区胜阳港街道,居民自己管起了停车。", ["湖北省", "黄石市", "黄石港区", "胜阳港街道"]),
        ("长春市朝阳区的一个小区里,业委会和物业坐到了一起。", ["吉林省", "长春市", "朝阳区"]),
        ("北京市朝阳区某街道的做法", ["北京市", "朝阳区", "某街道"]),
        ("居民们说,社区里的事大家商量着办。", []),
        ("街道立足老城区实际,把网格划小。", []),
        ("洛阳市老城区的一条老街", ["河南省", "洛阳市", "老城区"]),
    ])
    func placesAreTheDivisionListsNamesNotTheWordsBeforeThem(text: String, expected: [String]) {
        #expect(ArticleTerms(text: text).district(known: [], vocabulary: nil).path == expected)
    }

    @Test func termsAreFoundThroughQuotesAliasesAndSplitNames() {
        let terms = ArticleTerms(text: "“乐邻圈”议事会开了三次,居民議事會也开了。会上化解了多年的矛盾纠纷。")
        let vocabulary = site.vocabularies[.mechanisms]!
        #expect(terms.mentions(of: vocabulary) == [.init(name: "居民议事会", count: 1), .init(name: "乐邻圈议事会", count: 1)])
        #expect(terms.mentions(of: site.vocabularies[.outcomes]!) == [.init(name: "矛盾纠纷化解", count: 1, exact: false)])
    }

    @Test func markdownCharactersInTheTextStayText() {
        #expect(ArticleImport.markdownEscaped("*重点* 和 [链接] <b> _x_ `码` & #话题") == "\\*重点\\* 和 \\[链接\\] \\<b> \\_x\\_ \\`码\\` \\& #话题")
        #expect(ArticleImport.markdownEscaped("# 不是标题") == "\\# 不是标题")
        let html = MarkdownRenderer().render(ArticleImport.markdownEscaped("#1 *重点* <script>"), resolve: { _ in .keep }).htmlText
        #expect(html == "<p>#1 *重点* &lt;script&gt;</p>\n")
    }

    @Test(arguments: [DamagedSample.symbols, DamagedSample.pinyin, DamagedSample.garbled, DamagedSample.newspaper, DamagedSample.portal,
                      DamagedSample.government])
    func noNumberOfTheArticleIsLost(_ text: String) throws {
        let outcome = try importing(text)
        let removedLines = Set(outcome.draft.body.matches(of: #/removed line (\d+)/#).map { Int($0.1)! })
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !removedLines.contains($0.offset + 1) && $0.element.firstMatch(of: #/^[A-Z]\d{2}版/#) == nil }
            .map(\.element).joined(separator: "\n")
        let body = outcome.draft.body.replacing(#/<!--[\s\S]*?-->/#, with: "")
        let numbers = { (text: String) in text.matches(of: #/[0-9]+/#).map { String($0.0) }.sorted() }
        #expect(numbers(outcome.draft.title + body) == numbers(kept))
    }
}

/// Articles saved by Windows Notepad in GB18030 (GBK) are converted, not refused.
@Suite struct ArticleEncodingTests {
    @Test func aGB18030ArticleIsReadAndSaysItWasConverted() throws {
        let folder = try Fixture.scratchFolder()
        let gbk: [UInt8] = [0xB1, 0xBE, 0xB1, 0xA8, 0xD1, 0xB6, 0xA3, 0xBA, 0xBE, 0xD3, 0xC3, 0xF1, 0xD2, 0xE9, 0xCA, 0xC2, 0xBB, 0xE1,
                            0xC9, 0xCC, 0xC1, 0xBF, 0xBC, 0xD3, 0xD7, 0xB0, 0xB5, 0xE7, 0xCC, 0xDD, 0xA1, 0xA3, 0x0A]
        let path = folder.appendingPathComponent("article.txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(gbk)))
        let (file, convertedFrom) = try ArticleText.read(file: path, shownAs: "article.txt").get()
        #expect(file.text == "本报讯：居民议事会商量加装电梯。\n")
        #expect(convertedFrom == "GB18030")
    }

    @Test func utf8IsReadAsItIsAndBytesThatAreNeitherKeepTheUTF8Error() throws {
        let folder = try Fixture.scratchFolder()
        let plain = folder.appendingPathComponent("plain.txt").path, broken = folder.appendingPathComponent("broken.txt").path
        #expect(FileManager.default.createFile(atPath: plain, contents: Data("居民议事\n".utf8)))
        let (file, convertedFrom) = try ArticleText.read(file: plain, shownAs: "plain.txt").get()
        #expect(file.text == "居民议事\n" && convertedFrom == nil)
        // 0x80 and 0xFF start nothing in UTF-8 or GB18030.
        #expect(FileManager.default.createFile(atPath: broken, contents: Data([0x41, 0x80, 0xFF, 0x0A])))
        guard case .failure(let error) = ArticleText.read(file: broken, shownAs: "broken.txt") else {
            Issue.record("bytes that are neither UTF-8 nor GB18030 were read")
            return
        }
        #expect(error.message.hasPrefix("this file is not UTF-8 text"))
    }
}
