import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `casebook init`: the files of a new bulletin, which builds at once without a warning. Every
/// setting is explained in Chinese where it stands; the one example case is a draft, so that it is
/// easy to see (`serve --drafts`) and to remove.
public enum StarterBulletin {
    /// The files written, by path relative to the bulletin's folder.
    static let files: [(path: String, text: String)] = [
        (SiteConfig.path, siteSettings),
        ("Content/vocabularies/districts.yml", districts),
        ("Content/vocabularies/mechanisms.yml", mechanisms),
        ("Content/vocabularies/outcomes.yml", outcomes),
        ("Content/pages/about.md", about),
        ("Content/cases/shili-loudao-duiwu.md", exampleCase),
        (".gitignore", gitignore),
    ]

    /// What `write` did: the files it wrote, and those it left alone because they were there.
    public struct Outcome: Sendable {
        public var written: [String]
        public var kept: [String]
    }

    /// Writes the starter bulletin into `folder`, creating it if need be. Nothing is ever replaced:
    /// a folder that already holds a bulletin (a `Content/` folder) is refused before anything is
    /// written, and a `.gitignore` already there is kept. When a file cannot be written, those
    /// written before it are removed again, so no half bulletin is left.
    /// - Throws: a `Diagnostic` naming the folder or file.
    public static func write(into folder: URL) throws(Diagnostic) -> Outcome {
        let content = folder.appendingPathComponent("Content")
        if FileManager.default.fileExists(atPath: content.path) {
            throw .error("\(content.path) already exists: this folder already holds a bulletin, and casebook init never replaces files",
                         hint: "run casebook init with a new folder's name, such as casebook init my-bulletin")
        }
        var written: [String] = [], kept: [String] = []
        var current = ""
        do {
            for (path, text) in files {
                current = path
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                if try writeNewFile(file, text) { written.append(path) } else { kept.append(path) }
            }
        } catch {
            for path in written { unlink(folder.appendingPathComponent(path).path) }
            for path in ["Content/vocabularies", "Content/pages", "Content/cases", "Content"] { rmdir(folder.appendingPathComponent(path).path) }
            throw .error("could not write \(current) of the new bulletin in \(folder.path): \(Message(verbatim: error.localizedDescription))",
                         hint: "check that the folder is writable and the disk has room; nothing was left behind")
        }
        return Outcome(written: written, kept: kept)
    }

    static let siteSettings = """
        # 本案例汇编的设置。以 # 开头的行是说明，不起作用；去掉行首的 # 就能启用那一项。

        # 汇编的名称，显示在每页顶部和浏览器标签上。
        title: 我们社区的治理案例

        # 一两句话的简介，显示在首页，也供搜索引擎使用。
        description: 收集本街道各社区解决实际问题的做法和成效，供居民、社区工作者和研究者查阅。

        # 界面语言：zh-Hans（简体中文）或 en（英文）。
        language: zh-Hans

        # 网站放到网上后的公开地址，例如 https://example.org/anli/ 。
        # 只有设置了它，才会生成 feed.xml（订阅）和 sitemap.xml（网站地图）；
        # 只在本机或U盘上浏览，不必设置。
        # base_url: https://example.org/anli/

        # 是否允许案例正文里写 HTML 代码（默认 false：HTML 原样显示为文字，更安全）。
        unsafe_html: false

        # 设为 true 时，任何警告都按错误处理，有警告就不生成网站：适合正式发布前检查。
        strict: false

        # 标志图片，显示在每页顶部的名称前。先把图片放进 Content/media/，再写上文件名。
        # logo: logo.png

        # 主色调：页头、链接和打印件标题线的颜色。颜色要加引号，因为 # 后面的内容会被当作说明。
        # 页头的字是白色的，颜色太浅会看不清，建议用深色。
        # accent_color: "#1d5f8a"

        # 页脚：编印单位和联系方式，也印在打印出来的案例上。哪一行不需要，就不写。
        # footer:
        #   organisation: 某某街道办事处
        #   address: 某某市某某路1号
        #   telephone: 0571-12345678

        """

    static let districts = """
        # 地区：案例发生的地方，从大到小写：省、市、区（县）、街道（乡镇）、社区（村）。
        # 每一项要有 name（名称）和 slug（页面地址里的名字，用小写拼音或英文，词与词之间用连字符“-”隔开）。
        # aliases 可以列出其他写法（例如繁体字），案例里写哪一种都能认出来。
        # 案例里写了这里没有列出的地方，生成网站时会给出警告，并按拼音自动生成页面地址。
        # 省、市、区县按国家行政区划核对，写错了也会给出警告。
        #
        # 添加一个地方，照下面的样子另起一项：
        # - name: 某某社区
        #   slug: moumou-shequ
        - name: 浙江省
          slug: zhejiang
          aliases: [浙江]
        - name: 杭州市
          slug: hangzhou
        - name: 西湖区
          slug: xihu
          aliases: [西湖區]
        - name: 示例街道
          slug: shili-jiedao
        - name: 示例社区
          slug: shili-shequ

        """

    static let mechanisms = """
        # 治理机制：案例用来解决问题的办法。每个案例可以标注一个或几个。
        # name 是名称，slug 是页面地址里的名字，description 是一句话的说明，显示在该机制的页面上。
        #
        # 添加一个机制，照下面的样子另起一项：
        # - name: 党员楼长
        #   slug: dangyuan-louzhang
        #   description: 由党员担任楼长，负责巡查、调解和联系住户。
        - name: 居民议事会
          slug: jumin-yishihui
          description: 居民代表和有关单位坐下来，就身边的具体问题商量办法，再分工落实。
        - name: 志愿服务积分
          slug: zhiyuan-fuwu-jifen
          description: 把居民参加志愿服务的时长记成积分，可以兑换服务或生活用品。

        """

    static let outcomes = """
        # 治理成效：案例带来的变化。每个案例可以标注一个或几个。
        #
        # 添加一项成效，照下面的样子另起一项：
        # - name: 停车秩序改善
        #   slug: tingche-zhixu-gaishan
        #   description: 乱停车减少，车位分配有章可循。
        - name: 环境改善
          slug: huanjing-gaishan
          description: 楼道、院落和公共空间变得整洁安全。
        - name: 矛盾化解
          slug: maodun-huajie
          description: 邻里之间、居民和物业之间的纠纷得到调解。

        """

    static let about = """
        ---
        title: 关于本汇编
        order: 1
        ---

        ## 这是什么

        这里收集本街道各社区解决实际问题的案例：问题是什么，用了什么办法，带来了什么变化。

        案例可以按**地区**、**治理机制**和**治理成效**查找，也可以全文搜索。整个网站是一组普通文件，拷进U盘、放在共享文件夹里，双击 `index.html` 就能离线浏览；案例页可以用A4纸打印出来张贴。

        ## 怎样添加案例

        在汇编文件夹里运行 `casebook new "案例标题"`，会在 `Content/cases/` 里生成一个待填写的案例文件。写好后删去其中的 `draft: true` 一行，再运行 `casebook build`，网站就生成在 `Public/` 文件夹里。

        这一页本身在 `Content/pages/about.md`，可以改成本汇编的介绍和联系方式。

        """

    static let exampleCase = """
        ---
        title: 示例：居民议事会清理楼道堆物
        date: 2026-01-15
        district: [浙江省, 杭州市, 西湖区, 示例街道, 示例社区]
        mechanisms: [居民议事会]
        outcomes: [环境改善]
        summary: 这是一个示例案例，演示案例文件的写法。它是草稿，不会出现在正式生成的网站上；看过后可以删掉这个文件。
        source: 示例，非真实案例
        # 草稿：生成网站时不收录。写完后删去下面这一行。
        draft: true
        ---

        ## 问题

        这里写遇到的问题：在哪里，影响了谁，为什么一直没有解决。例如，一栋老楼的楼道里堆满杂物，既不好走，也有火灾隐患，住户几次反映都没有结果。

        ## 做法

        这里写用了什么办法，谁出面，经过了哪些步骤。例如，社区召集住户代表和物业开议事会，约定清理的日子和不再堆放的规矩，由楼长负责提醒。

        ## 结果

        这里写带来了什么变化，最好有数字。例如，两周内清出杂物若干车，此后半年没有再堆起来。

        """

    static let gitignore = """
        # casebook build 生成的网站和构建缓存：随时可以重新生成，不必提交。
        /Public/
        /.casebook/

        """
}
