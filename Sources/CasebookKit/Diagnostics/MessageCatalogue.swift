/// What Casebook says, in Chinese: each English template as the code writes it (`Message`), with
/// `{1}`, `{2}`, … where its values go, and the Chinese with the same places. English needs no
/// entry: it is the code's own. `MessageCatalogueTests` checks that every message of the sources
/// has an entry here and that every entry is still said somewhere.
enum MessageCatalogue {
    static let chinese: [String: String] = ours.merging(yamlProblems) { mine, _ in mine }.merging(systemErrors) { mine, _ in mine }

    static let ours: [String: String] = [
        "\nnext:":
            "\n接下来：",
        "  casebook build              # build the site into Public/, to copy onto a USB stick and read offline":
            "  casebook build              # 生成网站到 Public/，可拷进U盘离线浏览",
        "  casebook new \"A case title\" # start a new case in Content/cases/":
            "  casebook new \"案例标题\"     # 新建一个案例，写在 Content/cases/ 里",
        "  casebook serve --drafts     # preview in the browser, the example draft included":
            "  casebook serve --drafts     # 在浏览器里预览，连同示例草稿",
        "'accent_color' is empty":
            "'accent_color' 是空的",
        "'accent_color' must be a colour as #rrggbb, found \"{1}\"":
            "'accent_color' 必须是 #rrggbb 形式的颜色，这里是 \"{1}\"",
        "'date' must be YYYY-MM-DD, found \"{1}\"":
            "'date' 要写成 YYYY-MM-DD，这里是 \"{1}\"",
        "'district' has {1} levels, more than the {2} allowed":
            "'district' 有 {1} 级，超过了上限 {2} 级",
        "'figures' has {1} figures, more than the {2} allowed":
            "'figures' 有 {1} 个数据项，超过了上限 {2} 个",
        "'figures' must be a list":
            "'figures' 应该是一个列表",
        "'footer' must list organisation, address and telephone, one per line":
            "'footer' 要分行写出 organisation、address 和 telephone",
        "'language' must be one of {1}, found \"{2}\"":
            "'language' 只能是 {1} 之一，这里是 \"{2}\"",
        "'logo' must be an image ({1}), found \"{2}\"":
            "'logo' 必须是图片（{1}），这里是 \"{2}\"",
        "'order' must be a whole number, found \"{1}\"":
            "'order' 必须是整数，这里是 \"{1}\"",
        "'slug' cannot be '{1}': every folder keeps that name for its overview page":
            "'slug' 不能是 '{1}'：每个文件夹都把这个名字留给自己的总览页",
        "'slug' has {1} characters, more than the {2} allowed":
            "'slug' 有 {1} 个字符，超过了上限 {2} 个",
        "'slug' must be lowercase ASCII letters, digits and hyphens, found \"{1}\"":
            "'slug' 只能由小写英文字母、数字和连字符组成，这里是 \"{1}\"",
        "'summary' has {1} characters, more than the {2} allowed":
            "'summary' 有 {1} 个字，超过了上限 {2} 个",
        "'title' has {1} characters, more than the {2} allowed":
            "'title' 有 {1} 个字，超过了上限 {2} 个",
        "'{1}' cannot be a case's slug: every folder keeps that name for its overview page":
            "'{1}' 不能用作案例的 slug：每个文件夹都把这个名字留给自己的总览页",
        "'{1}' has {2} characters; a footer line may have {3}":
            "'{1}' 有 {2} 个字；页脚每行最多 {3} 个字",
        "'{1}' has {2} names, more than the {3} allowed":
            "'{1}' 有 {2} 项，超过了上限 {3} 项",
        "'{1}' is already a term or alias at line {2}":
            "'{1}' 在第 {2} 行已经是一个词条或别名",
        "'{1}' is empty":
            "'{1}' 是空的",
        "'{1}' is not a city or county of {2} in the division list":
            "按行政区划名录，'{1}' 不是{2}下属的市或县",
        "'{1}' is not a county of {2} in the division list":
            "按行政区划名录，'{1}' 不是{2}下属的区县",
        "'{1}' is not a province, autonomous region or municipality in the division list":
            "按行政区划名录，'{1}' 不是省、自治区或直辖市",
        "'{1}' is not a slug":
            "'{1}' 不能用作 slug",
        "'{1}' is not a well-formed web address, found \"{2}\"":
            "'{1}' 不是格式正确的网址，这里是 \"{2}\"",
        "'{1}' is not in {2}: it lies in {3}":
            "'{1}' 不在 {2}：它在 {3}",
        "'{1}' must be a list, found a mapping (key: value lines)":
            "'{1}' 应该是列表，这里却是一组 key: value 行",
        "'{1}' must be an http:// or https:// address, found \"{2}\"":
            "'{1}' 必须是以 http:// 或 https:// 开头的网址，这里是 \"{2}\"",
        "'{1}' must be text":
            "'{1}' 应该是文字",
        "'{1}' must be text, found a list":
            "'{1}' 应该是文字，这里却是一个列表",
        "'{1}' must be text, found a mapping (key: value lines)":
            "'{1}' 应该是文字，这里却是一组 key: value 行",
        "'{1}' must be text, found the number {2}":
            "'{1}' 应该是文字，这里却是数字 {2}",
        "'{1}' must be true or false, found \"{2}\"":
            "'{1}' 只能是 true 或 false，这里是 \"{2}\"",
        "'{1}' must be true or false, found a list or mapping":
            "'{1}' 只能是 true 或 false，这里却是列表或键值对",
        "--host {1} is not an IP address":
            "--host {1} 不是 IP 地址",
        "--root {1} is not a folder":
            "--root {1} 不是文件夹",
        "1 case":
            "1 个案例",
        "1 error":
            "1 个错误",
        "1 warning":
            "1 个警告",
        "YAML aliases (*name) are not accepted here":
            "这里不接受 YAML 别名（*name）",
        "YAML anchors (&name) are not accepted here":
            "这里不接受 YAML 锚点（&name）",
        "YAML reads everything after # as a comment: put the colour in quotes, such as {1}":
            "YAML 会把 # 后面的内容都当作注释：请给颜色加上引号，例如 {1}",
        "YAML syntax: {1}":
            "YAML 语法错误：{1}",
        "YAML syntax: {1}, {2} that began on line {3}, column {4}":
            "YAML 语法错误：{2}（从第 {3} 行第 {4} 列开始），{1}",
        "`casebook theme list` shows them all":
            "运行 `casebook theme list` 可以看到全部文件",
        "a ': ' inside the value makes it a mapping; put the value in quotes":
            "值里的 ': ' 让它变成了键值对；请给整个值加上引号",
        "a GIF image":
            "一张 GIF 图片",
        "a JPEG image":
            "一张 JPEG 图片",
        "a PDF document":
            "一个 PDF 文档",
        "a PNG image":
            "一张 PNG 图片",
        "a Word (.docx) document or another ZIP archive":
            "一个 Word（.docx）文档或其他 ZIP 压缩包",
        "a binary file (byte {1} is zero)":
            "一个二进制文件（第 {1} 个字节是零）",
        "a figure":
            "数据项",
        "a figure needs a '{1}'":
            "数据项缺少 '{1}'",
        "a figure's '{1}' is too large to show: a number of {2} characters":
            "数据项的 '{1}' 太大，无法显示：这个数有 {2} 个字符",
        "a figure's '{1}' must be a number, found \"{2}\"":
            "数据项的 '{1}' 必须是数字，这里是 \"{2}\"",
        "a file":
            "一个文件",
        "a quote or bracket is opened and never closed":
            "有引号或括号没有闭合",
        "a section heading":
            "小标题",
        "a strings file":
            "界面文字文件",
        "a summary is one or two sentences; the rest belongs in the body":
            "摘要写一两句话就够了；其余内容请写进正文",
        "a symbolic link":
            "一个符号链接",
        "a tab is used to indent this line; YAML indents with spaces only":
            "这一行用制表符（Tab）缩进了；YAML 只能用空格缩进",
        "a term":
            "词条",
        "a term needs a 'name'":
            "词条缺少 'name'",
        "a value that contains ': ' must be put in quotes":
            "值里有 ': ' 时，必须给整个值加引号",
        "a value that starts with a special character (@ ` | > % & *) must be put in quotes":
            "以特殊字符（@ ` | > % & *）开头的值必须加引号",
        "a vocabulary is a list of terms, each starting with '- name: …'":
            "词表应该是一串词条，每条以 '- name: …' 开头",
        "add '{1}' to {2} with `aliases: [{3}]`":
            "请把 '{1}' 加进 {2}，并写上 `aliases: [{3}]`",
        "add `aliases: [{1}]` to '{2}' in {3}":
            "请在 {3} 里给 '{2}' 加上 `aliases: [{1}]`",
        "add `{1}: …` to Templates/strings/{2}.yml":
            "请在 Templates/strings/{2}.yml 里加上 `{1}: …`",
        "add a line with only '---' after the last `key: value` line":
            "请在最后一行 `key: value` 之后加一行，只写 '---'",
        "add it to {1}, or correct the spelling":
            "请把它加进 {1}，或者改正写法",
        "an RTF document":
            "一个 RTF 文档",
        "an old Word (.doc) or Excel document":
            "一个旧版 Word（.doc）或 Excel 文档",
        "another program may be using the port; choose another with --port, or --port 0 for a free one":
            "可能有别的程序占用了这个端口；请用 --port 换一个，或者用 --port 0 自动选一个空闲端口",
        "ask them or an administrator to remove it, or {1}":
            "请对方或管理员删掉它，或者{1}",
        "begin the file with front matter between two '---' lines, such as: ---, title: …, date: 2019-11-20, district: …, mechanisms: […], outcomes: […], ---":
            "文件开头要有一段写在两行 '---' 之间的前置信息，例如：---, title: …, date: 2019-11-20, district: …, mechanisms: […], outcomes: […], ---",
        "build into a folder inside it: --output {1}":
            "请生成到它里面的一个文件夹：--output {1}",
        "building {1} into {2}":
            "正在生成 {1}，输出到 {2}",
        "built {1} in {2}s":
            "已生成 {1}，用时 {2} 秒",
        "built {1} into {2} pages and {3} files in {4} ({5}s: {6})":
            "已生成 {1}：{2} 个页面和 {3} 个其他文件，位于 {4}（用时 {5} 秒：{6}）",
        "cannot create {1}: {2}":
            "无法创建 {1}：{2}",
        "cannot listen on {1} port {2}: {3}":
            "无法在 {1} 的 {2} 端口上监听：{3}",
        "cannot read this file: {1}":
            "无法读取这个文件：{1}",
        "cannot read this folder: {1}":
            "无法读取这个文件夹：{1}",
        "cannot write {1}: {2}":
            "无法写入 {1}：{2}",
        "case":
            "案例",
        "casebook keeps the version of the site before the current one there: move that folder away or remove it":
            "casebook 在那里保存当前网站的上一个版本：请把那个文件夹移走或删除",
        "casebook: the last build failed; the pages are those of the last build that succeeded.":
            "casebook：最近一次生成失败；页面仍是上一次成功生成的网站。",
        "check that it is the article's date":
            "请核对这是不是文章的发布日期",
        "check that the folder is writable":
            "请检查文件夹是否可写",
        "check that the folder is writable and the disk has room; nothing was left behind":
            "请检查文件夹是否可写、磁盘是否还有空间；已写下的文件都已删除",
        "check that the folder is writable and the disk is not full; the previous site is unchanged":
            "请检查文件夹是否可写、磁盘是否已满；原来的网站没有改动",
        "check that the folder {1} is writable":
            "请检查文件夹 {1} 是否可写",
        "check the file name; media files are linked as ../media/NAME":
            "请检查文件名；媒体文件的链接写法是 ../media/文件名",
        "checked {1} and {2} pages: no errors":
            "已检查 {1}和 {2} 个页面：没有错误",
        "choose a darker colour, such as the default \"#b3261e\" or \"#1d5f8a\"":
            "请选深一些的颜色，例如默认的 \"#b3261e\" 或 \"#1d5f8a\"",
        "choose a folder of your own with --output, or remove that one if it should not be there":
            "请用 --output 选一个自己的文件夹；如果那个文件夹本不该在那里，就删掉它",
        "choose a name like 'tianshui-charging'":
            "请起一个类似 'tianshui-charging' 的名字",
        "choose a shorter name with --slug":
            "请用 --slug 换一个短一些的名字",
        "choose another --output":
            "请换一个 --output",
        "choose another --output, or empty the folder yourself if it really is the site's":
            "请换一个 --output；如果它确实是这个网站的输出，请自己清空这个文件夹",
        "choose another name for the page":
            "请给这个页面换一个名字",
        "choose another name with --slug":
            "请用 --slug 换一个名字",
        "choose another name with --slug, or edit the existing file":
            "请用 --slug 换一个名字，或者直接编辑已有的文件",
        "compare it with the built-in one (`casebook theme export {1}` in another folder) and add what is missing":
            "请和内置的版本比较一下（在另一个文件夹里运行 `casebook theme export {1}`），把缺少的补上",
        "compare it with the original article; the draft marks the paragraph with a comment":
            "请对照原文核对；草稿里已用注释标出这一段",
        "copy its text into a UTF-8 .md file; documents for readers belong in Content/media/":
            "请把其中的文字复制到一个 UTF-8 编码的 .md 文件里；给读者看的文档请放进 Content/media/",
        "copy its text into a UTF-8 .md file; put images and documents in Content/media/":
            "请把其中的文字复制到一个 UTF-8 编码的 .md 文件里；图片和文档请放进 Content/media/",
        "copy the article's text into this file":
            "请把文章的正文复制到这个文件里",
        "copy the file into Content/media/ and write ../media/{1}":
            "请把文件复制到 Content/media/，再写成 ../media/{1}",
        "copy the file into the site folder instead":
            "请改为把文件复制到汇编文件夹里",
        "could not create the preview folder {1}: {2}":
            "无法创建预览文件夹 {1}：{2}",
        "could not create {1}: {2}":
            "无法创建 {1}：{2}",
        "could not read the YAML: {1}":
            "无法读取这段 YAML：{1}",
        "could not update the site in {1}: {2}":
            "无法更新 {1} 中的网站：{2}",
        "could not write the site into {1}: {2}":
            "无法把网站写入 {1}：{2}",
        "could not write {1} of the new bulletin in {2}: {3}":
            "无法在 {2} 里写入新汇编的 {1}：{3}",
        "could not write {1}/{2}: {3}":
            "无法写入 {1}/{2}：{3}",
        "create it with at least a line `title: <the bulletin's name>`":
            "请新建这个文件，至少写一行 `title: <汇编的名称>`",
        "created the new bulletin ({1} files)":
            "新的案例汇编已建好（{1} 个文件）",
        "created the new bulletin in {1} ({2} files)":
            "新的案例汇编已建好：{1}（{2} 个文件）",
        "data format {1}":
            "数据格式 {1}",
        "dates are written 2019-11-20: a four-digit year, then month and day with two digits each":
            "日期的写法是 2019-11-20：先写四位年份，再写两位的月和两位的日",
        "delete it to use the built-in one; to keep changes, move it aside, run `casebook theme export {1}` and make them again in the new copy":
            "删掉它就会用内置的版本；如果要保留改动，请先把它移到别处，运行 `casebook theme export {1}`，再在新的副本里重新改一遍",
        "did not find expected '-' indicator":
            "没有找到应有的 '-' 列表符号",
        "did not find expected key":
            "没有找到应有的键",
        "did you mean '{1}'?":
            "是不是想写 '{1}'？",
        "did you mean {1}?":
            "是不是 {1}？",
        "did you mean {1}? `casebook theme list` shows them all":
            "是不是 {1}？运行 `casebook theme list` 可以看到全部文件",
        "district":
            "地区",
        "district '{1}' is not in {2}; its page gets a slug from its pinyin":
            "地区 '{1}' 不在 {2} 里；它的页面将按拼音生成 slug",
        "district '{1}' would have the slug '{2}' of '{3}'; it uses '{4}'":
            "地区 '{1}' 本该用 slug '{2}'，但这个 slug 已被 '{3}' 占用；现改用 '{4}'",
        "district completed as {1}":
            "地区补全为 {1}",
        "each figure has a 'label' and a 'value'":
            "每个数据项都要有 'label' 和 'value'",
        "each spelling may stand for one term only; remove one of them":
            "同一种写法只能代表一个词条；请删掉其中一处",
        "each {1} needs its own slug, as each has its own page":
            "每个{1}都有自己的页面，所以要有各自的 slug",
        "enter a number (1–{1}): ":
            "请输入序号（1–{1}）：",
        "every case needs {1} in its front matter":
            "每个案例的前置信息里都要有 {1}",
        "every line is page navigation or a credit; copy the article's own text too":
            "每一行都是网页导航或署名；请把文章本身的正文也复制进来",
        "fill in the date the article was published":
            "请填上文章的发布日期",
        "fill in the district in the draft":
            "请在草稿里填写地区",
        "find the year in the original page and fill in the date":
            "请在原网页上找到年份，把日期补全",
        "front matter needs at most a few levels: keys, lists, and the fields of a figure":
            "前置信息最多只需要几层：键、列表，以及数据项（figures）里的字段",
        "garbled text kept as found: \"{1}\"":
            "乱码已原样保留：\"{1}\"",
        "give a folder for the preview with --output":
            "请用 --output 指定一个预览文件夹",
        "give another folder for the preview with --output":
            "用 --output 另外指定一个预览文件夹",
        "give it a 'slug' in {1} to choose one":
            "可以在 {1} 里给它设一个 'slug'",
        "give it a shorter name, or build into a folder with a shorter path":
            "请给它改个短一些的名字，或者生成到路径短一些的文件夹里",
        "give one of them a title of its own, so that readers can tell them apart in lists and search results":
            "请给其中一个换个标题，让读者在列表和搜索结果里分得清",
        "give the address the site is published at, such as https://example.org/bulletin/":
            "请填写网站发布的网址，例如 https://example.org/bulletin/",
        "give the folder the link points to as --output":
            "请把链接指向的文件夹用作 --output",
        "give the full address of the article, such as https://example.org/news/1.html":
            "请填写文章的完整网址，例如 https://example.org/news/1.html",
        "give the whole chain, such as --district {1}":
            "请写出完整的地区，例如 --district {1}",
        "hint:":
            "提示：",
        "if it is new, or a zone of the site's own, add it to districts.yml":
            "如果它是新设的，或者是本汇编自己划分的片区，请把它加进 districts.yml",
        "if it is written in Markdown with front matter, rename it to end in .md":
            "如果它是带前置信息的 Markdown 文件，请把文件名改成以 .md 结尾",
        "index":
            "建立索引",
        "it needs at least one entry, such as [{1}]":
            "至少要写一项，例如 [{1}]",
        "it was probably saved as GBK/GB18030, the Windows Notepad default: in Notepad choose 文件 → 另存为, set 编码 to UTF-8 and save; or convert it with `iconv -f GB18030 -t UTF-8 {1} > new.md`":
            "它多半是按 GBK/GB18030 编码保存的（Windows 记事本的默认编码）：在记事本里选择 文件 → 另存为，把 编码 设为 UTF-8 后保存；或者用 `iconv -f GB18030 -t UTF-8 {1} > new.md` 转换",
        "its path in {1} would have {2} bytes, which the system's limit of {3} does not allow":
            "它在 {1} 里的路径会有 {2} 字节，超出了系统 {3} 字节的上限",
        "keep the key numbers; the others can go in the body":
            "只保留关键的数字；其余的可以写进正文",
        "keep the ones that matter most for this case":
            "只保留对这个案例最重要的几项",
        "keep the title short; the rest belongs in 'summary' or the body":
            "标题要简短；其余内容请写进 'summary' 或正文",
        "kept the existing {1} as it was; if need be, add /Public/ and /.casebook/ to it":
            "保留了原有的 {1}，没有改动；如需要，请把 /Public/ 和 /.casebook/ 加进去",
        "kept {1}, which is already there":
            "{1} 已经存在，保留原样",
        "left out 1 draft (marked draft: true); --drafts includes them":
            "有 1 个草稿没有生成（标着 draft: true）；加上 --drafts 就会一并生成",
        "left out {1} drafts (marked draft: true); --drafts includes them":
            "有 {1} 个草稿没有生成（标着 draft: true）；加上 --drafts 就会一并生成",
        "let the user running casebook read it, e.g. chmod -R u+rX {1}":
            "请让运行 casebook 的用户能读取它，例如 chmod -R u+rX {1}",
        "line up keys and list items at the same indentation as their neighbours":
            "请让键和列表项与上下相邻的行缩进对齐",
        "link to a case by its file name, such as other-case.md; a draft is not published":
            "链接案例时请用它的文件名，例如 other-case.md；草稿不会发布",
        "list the places from the province down: 省, 市, 区, 街道, 社区":
            "请从省一级往下写：省, 市, 区, 街道, 社区",
        "look through it and run `chmod 700 {1}`, or remove it, or {2}":
            "请检查里面的内容后运行 `chmod 700 {1}`，或者删掉它，或者{2}",
        "mechanism":
            "治理机制",
        "missing strings that {1}.yml has: {2}":
            "缺少 {1}.yml 里有的界面文字：{2}",
        "move it into Content/media/ and write ../media/{1}":
            "请把它移到 Content/media/，再写成 ../media/{1}",
        "move it out of this folder; images and documents belong in Content/media/":
            "请把它移出这个文件夹；图片和文档请放进 Content/media/",
        "move the .md files in it up into {1}/":
            "请把里面的 .md 文件移到上一级的 {1}/ 里",
        "move the front matter to the top, or delete what stands above it":
            "请把前置信息移到文件最上面，或者删掉它上面的内容",
        "name the city or county of {1} that {2} lies in, or add {3} to districts.yml":
            "请在 {1} 和 {2} 之间写上 {2} 所在的市或县，或者把 {3} 加进 districts.yml",
        "name the county of {1} that {2} lies in, or add {3} to districts.yml":
            "请在 {1} 和 {2} 之间写上 {2} 所在的区县，或者把 {3} 加进 districts.yml",
        "no cases found: add Markdown files to Content/cases/":
            "没有找到案例：请在 Content/cases/ 里添加 Markdown 文件",
        "no data format":
            "没有写数据格式",
        "no date found; the draft's date is left empty":
            "没有找到日期；草稿里的日期先空着",
        "no feed.xml or sitemap.xml: they need the address the bulletin is published at, base_url in Content/site.yml":
            "没有生成 feed.xml 和 sitemap.xml：它们需要汇编发布的网址，即 Content/site.yml 里的 base_url",
        "no headline before the text; the title is {1}, from line {2}":
            "正文前面没有标题；暂用第 {2} 行的{1}作标题",
        "no place found that the site's cases or vocabularies know":
            "没有找到本汇编的案例或词表里认得的地名",
        "nothing changed":
            "没有改动",
        "only files and folders are read here; remove it or replace it with a copy of the file":
            "这里只读取文件和文件夹；请删掉它，或者换成那个文件的副本",
        "outcome":
            "成效",
        "page":
            "页面",
        "point the link at a file inside the site folder, or delete it":
            "请让这个链接指向汇编文件夹里的一个文件，或者删掉它",
        "point the link at a folder inside the site folder, or delete it":
            "请让这个链接指向汇编文件夹里的一个文件夹，或者删掉它",
        "put it in quotes (\"{1}\") if the number is meant as text":
            "如果这个数字就是要当作文字，请加上引号（\"{1}\"）",
        "put only the number here and the rest in 'unit', e.g. value: 20 and unit: 个":
            "这里只写数字，其余的写进 'unit'，例如 value: 20 和 unit: 个",
        "put the image in Content/media/":
            "请把图片放进 Content/media/",
        "put the image in Content/media/ and give its name, such as logo: logo.png":
            "请把图片放进 Content/media/，再写上它的文件名，例如 logo: logo.png",
        "read content":
            "读取内容",
        "read templates":
            "读取模板",
        "remove it, or {1}":
            "请删掉它，或者{1}",
        "rename the file, or give the {1} a shorter 'slug'":
            "请给文件改个短一些的名字，或者给这个{1}设一个短一些的 'slug'",
        "rename the file, or give the {1} another 'slug'":
            "请给文件改名，或者给这个{1}另设一个 'slug'",
        "render":
            "渲染",
        "render and write":
            "渲染并写入",
        "render and write changes":
            "渲染并写入改动",
        "replace the tab with spaces":
            "请把制表符换成空格",
        "run casebook in the site's folder, or name it with --root":
            "请在汇编所在的文件夹里运行 casebook，或者用 --root 指明它",
        "run casebook init with a new folder's name, such as casebook init my-bulletin":
            "请在 casebook init 后面写一个新文件夹的名字，例如 casebook init my-bulletin",
        "run casebook serve again":
            "请重新运行 casebook serve",
        "serving at {1} (Ctrl-C to stop)":
            "预览地址：{1}（按 Ctrl-C 停止）",
        "site.yml":
            "site.yml",
        "site.yml is empty: it needs at least a 'title'":
            "site.yml 是空的：至少要有 'title'",
        "site.yml needs a 'title'":
            "site.yml 里缺少 'title'",
        "split the case, or move large material to Content/media/":
            "请把案例拆开，或者把大的材料移到 Content/media/",
        "such as\n      footer:\n        organisation: 某某街道办事处\n        telephone: 0571-12345678":
            "例如\n      footer:\n        organisation: 某某街道办事处\n        telephone: 0571-12345678",
        "such as '{1}'":
            "例如 '{1}'",
        "such as {1}":
            "例如 {1}",
        "template syntax: {1}":
            "模板语法错误：{1}",
        "the article may be imported already; run without --write to see the draft":
            "这篇文章可能已经导入过；去掉 --write 再运行，可以先看看草稿",
        "the build failed; still serving the last good site":
            "生成失败；仍在提供上一次成功生成的网站",
        "the built-in theme has no file {1}":
            "内置主题里没有文件 {1}",
        "the case has no '{1}'":
            "这个案例缺少 '{1}'",
        "the comment {1} is never closed with {2}":
            "注释 {1} 没有用 {2} 结束",
        "the date {1} comes from the text, not from a publishing line":
            "日期 {1} 取自正文，不是取自发布信息",
        "the date {1} has no year; the draft's date is left empty":
            "日期 {1} 没有年份；草稿里的日期先空着",
        "the delimiter change {1} is not closed with {2} on its line":
            "分隔符设置 {1} 没有在同一行里用 {2} 结束",
        "the delimiter change {1} needs two delimiters without spaces or `=` in them, such as {{=<% %>=}}":
            "分隔符设置 {1} 需要两个分隔符，分隔符里不能有空格或 `=`，例如 {{=<% %>=}}",
        "the district has {1} levels, more than the {2} allowed":
            "地区有 {1} 级，超过了上限 {2} 级",
        "the district list goes from {1} to {2} without the city or county between them":
            "地区从{1}直接写到了{2}，中间缺了市或县",
        "the district list goes from {1} to {2} without the county between them":
            "地区从{1}直接写到了{2}，中间缺了区县",
        "the district list starts at {1}, below its province":
            "地区从 {1} 写起，没有写所属的省",
        "the district list starts at {1}, below its province, and {2} is the name of {3} places":
            "地区从 {1} 写起，没有写所属的省，而叫 {2} 的地方有 {3} 个",
        "the dotted name in {1} has an empty part":
            "{1} 里用点分隔的名字有一段是空的",
        "the file '{1}' is not in Content/media/":
            "文件 '{1}' 不在 Content/media/ 里",
        "the file has no front matter":
            "文件没有前置信息",
        "the file is empty":
            "文件是空的",
        "the file name gives this {1} a page name of {2} characters, more than the {3} allowed":
            "按文件名，这个{1}的网址名有 {2} 个字符，超过了上限 {3} 个",
        "the file name gives this {1} the page name '{2}', which every folder keeps for its overview page":
            "按文件名，这个{1}的网址名会是 '{2}'，而每个文件夹都把这个名字留给自己的总览页",
        "the first sentence":
            "第一句话",
        "the folder {1} does not exist: create it, or build into a folder that does":
            "文件夹 {1} 不存在：请先建好它，或者生成到一个已有的文件夹里",
        "the front matter":
            "前置信息",
        "the front matter is empty: a case needs {1}":
            "前置信息是空的：每个案例都要有 {1}",
        "the front matter is empty: a page needs a 'title'":
            "前置信息是空的：页面需要 'title'",
        "the front matter must start on the first line, but its '---' is on line {1}":
            "前置信息必须从第一行开始，但它的 '---' 在第 {1} 行",
        "the front matter opened on line 1 is never closed":
            "第 1 行开始的前置信息没有结束",
        "the image '{1}' is a file on one computer, which readers' browsers cannot load":
            "图片 '{1}' 是某台电脑上的文件，读者的浏览器打不开它",
        "the image '{1}' is not in Content/media/":
            "图片 '{1}' 不在 Content/media/ 里",
        "the image '{1}' is outside Content/media/, so the site does not include it":
            "图片 '{1}' 不在 Content/media/ 里，网站里不会有它",
        "the image '{1}' shows as text: a destination with a space must be written between < and >":
            "图片 '{1}' 显示成了文字：带空格的地址必须写在 < 和 > 之间",
        "the key '{1}' is given twice":
            "键 '{1}' 写了两次",
        "the keys Casebook reads here are: {1}":
            "这里可以用的键有：{1}",
        "the link '{1}' is a file on one computer, which readers' browsers cannot load":
            "链接 '{1}' 指向某台电脑上的文件，读者的浏览器打不开它",
        "the link '{1}' shows as text: a destination with a space must be written between < and >":
            "链接 '{1}' 显示成了文字：带空格的地址必须写在 < 和 > 之间",
        "the link to '{1}' names no published case in Content/cases/ or page in Content/pages/":
            "链接 '{1}' 指向的既不是 Content/cases/ 里已发布的案例，也不是 Content/pages/ 里的页面",
        "the logo {1} is not in Content/media/":
            "标志图片 {1} 不在 Content/media/ 里",
        "the name '{1}' has {2} characters, more than the {3} allowed":
            "名称 '{1}' 有 {2} 个字，超过了上限 {3} 个",
        "the name '{1}…' has {2} bytes, more than the {3} a file of the site may have":
            "文件名 '{1}…' 有 {2} 字节，超过了网站文件名的上限 {3} 字节",
        "the name in {1} has a space in it":
            "{1} 里的名字含有空格",
        "the output folder {1} was not made by casebook (it has no {2}); casebook will not replace it":
            "输出文件夹 {1} 不是 casebook 生成的（里面没有 {2}）；casebook 不会替换它",
        "the output {1} belongs to another user (uid {2}); casebook does not build into other users' folders":
            "输出位置 {1} 属于另一个用户（uid {2}）；casebook 不会生成到别人的文件夹里",
        "the output {1} holds the site's own Content/ and Templates/; casebook will not replace it":
            "输出位置 {1} 里有汇编自己的 Content/ 和 Templates/；casebook 不会替换它",
        "the output {1} is a file, not a folder":
            "输出位置 {1} 是文件，不是文件夹",
        "the output {1} is a mount point (a USB stick, a shared folder or a volume); casebook puts each new site in place of the old output folder, which cannot be done to a mount point":
            "输出位置 {1} 是一个挂载点（U 盘、共享文件夹或其他卷）；casebook 每次都用新生成的网站整个替换原来的输出文件夹，而挂载点无法这样替换",
        "the output {1} is a symbolic link; casebook does not replace links":
            "输出位置 {1} 是一个符号链接；casebook 不会替换链接",
        "the output {1} is inside {2}; a build would read its own output":
            "输出位置 {1} 在 {2} 里面；这样生成时会读到自己的输出",
        "the page has no 'title'":
            "这个页面缺少 'title'",
        "the parentheses in {1} do not match":
            "{1} 里的括号不配对",
        "the preview folder {1} belongs to another user (uid {2}), who may have made it to take over the preview":
            "预览文件夹 {1} 属于另一个用户（uid {2}），对方可能是想借它接管预览",
        "the preview folder {1} disappeared while it was checked":
            "预览文件夹 {1} 在检查时不见了",
        "the preview folder {1} is not a folder but {2}; someone may have put it there to take over the preview":
            "预览文件夹 {1} 不是文件夹，而是{2}；可能有人故意放在那里，想接管你的预览",
        "the preview folder {1} is open to other users (mode {2})":
            "预览文件夹 {1} 对其他用户开放（权限 {2}）",
        "the site settings file is missing":
            "缺少汇编的设置文件",
        "the slug '{1}' is already the slug of '{2}' at line {3}":
            "slug '{1}' 已经是第 {3} 行 '{2}' 的 slug",
        "the slug has {1} characters, more than the {2} allowed":
            "slug 有 {1} 个字符，超过了上限 {2} 个",
        "the strings file is empty":
            "界面文字文件是空的",
        "the symbolic links here lead round in a loop; point them at a real file":
            "这里的符号链接绕成了一个圈；请让它们指向一个真实的文件",
        "the symbolic links here lead round in a loop; point them at a real folder":
            "这里的符号链接绕成了一个圈；请让它们指向一个真实的文件夹",
        "the tag {1} is not closed with {2} on its line":
            "标签 {1} 没有在同一行里用 {2} 结束",
        "the tag {1} names nothing":
            "标签 {1} 里没有写名字",
        "the template uses the interface string '{1}', which strings/{2}.yml does not define":
            "模板用到了界面文字 '{1}'，但 strings/{2}.yml 里没有它",
        "the theme has no file {1}":
            "主题里没有文件 {1}",
        "the title has {1} characters, more than the {2} allowed":
            "标题有 {1} 个字，超过了上限 {2} 个",
        "the title is empty":
            "标题是空的",
        "the year is needed too: dates are written 2019-11-20":
            "还要写上年份：日期的写法是 2019-11-20",
        "the year {1} is out of range: a year has four digits, as in 2019-11-20":
            "年份 {1} 不对：年份是四位数，例如 2019-11-20",
        "there is no Content/ folder here":
            "这里没有 Content/ 文件夹",
        "there is no article text here":
            "这里没有文章正文",
        "there is no month {1}; dates are written 2019-11-20":
            "没有 {1} 月；日期的写法是 2019-11-20",
        "this case has the title '{1}', which {2} has too":
            "这个案例的标题是 '{1}'，和 {2} 的标题相同",
        "this copy of {1} does not use {2}, which the built-in {3} uses: it may come from an older Casebook":
            "这份 {1} 没有用到内置 {3} 用到的 {2}：它可能来自旧版的 Casebook",
        "this file cannot be copied into the site: {1}":
            "这个文件无法复制到网站里：{1}",
        "this file is not UTF-8 text: byte {1} (0x{2}) cannot start or continue a UTF-8 character":
            "这个文件不是 UTF-8 文本：第 {1} 个字节（0x{2}）不是有效的 UTF-8 字符",
        "this file is not read: Casebook reads only the .md files in {1}/":
            "这个文件不会被读取：Casebook 只读取 {1}/ 里的 .md 文件",
        "this file is {1} bytes; Casebook reads files of at most {2} bytes ({3} MB)":
            "这个文件有 {1} 字节；Casebook 只读取不超过 {2} 字节（{3} MB）的文件",
        "this folder is not read: Casebook reads only the .md files directly in {1}/":
            "这个文件夹不会被读取：Casebook 只读取直接放在 {1}/ 里的 .md 文件",
        "this is a symbolic link to a place outside the site folder; Casebook does not follow it":
            "这是一个指向汇编文件夹以外的符号链接；Casebook 不会跟着它去读",
        "this is a symbolic link to something that does not exist":
            "这是一个符号链接，但它指向的东西不存在",
        "this is not a regular file":
            "这不是普通文件",
        "this is {1}, not a text file":
            "这是{1}，不是文本文件",
        "this {1} has the slug '{2}', which {3} already has; give one of them another 'slug'":
            "这个{1}的 slug 是 '{2}'，而 {3} 已经用了它；请给其中一个另设 'slug'",
        "unknown key '{1}'":
            "不认识的键 '{1}'",
        "use 127.0.0.1 (this computer only) or the address of one of its network cards":
            "请用 127.0.0.1（只有本机能访问），或者本机某块网卡的地址",
        "use a shorter name; a longer description can go in Content/vocabularies/":
            "请用短一些的名称；较长的说明可以写在 Content/vocabularies/ 里",
        "use lowercase ASCII letters, digits and single hyphens, such as sifang-yishihui-chongdian":
            "请只用小写英文字母、数字和单个连字符，例如 sifang-yishihui-chongdian",
        "values are nested more than {1} levels deep":
            "值的嵌套超过了 {1} 层",
        "white text on accent_color \"{1}\" is hard to read: contrast {2}:1, where {3}:1 is needed":
            "accent_color \"{1}\" 上的白字不易看清：对比度只有 {2}:1，至少需要 {3}:1",
        "write [{1}]":
            "请写成 [{1}]",
        "write a list as [a, b] or as lines starting with '- '":
            "列表可以写成 [a, b]，也可以写成以 '- ' 开头的多行",
        "write each figure as a line '- label: …' followed by 'value: …' (and optionally 'before:' and 'unit:')":
            "每个数据项先写一行 '- label: …'，下面再写 'value: …'（还可以加 'before:' 和 'unit:'）",
        "write it as {1}":
            "请写成 {1}",
        "write it in a larger unit, e.g. value: 2.5 and unit: 亿元":
            "请换一个大一些的单位，例如 value: 2.5 和 unit: 亿元",
        "write the case's own title in the draft":
            "请在草稿里给案例写一个标题",
        "write the site into a folder of its own, such as Public/":
            "请把网站生成到单独的文件夹里，例如 Public/",
        "write the value out in full; if the text really starts with '{1}', put it in quotes":
            "请把值完整写出来；如果文字本来就以 '{1}' 开头，请给它加上引号",
        "write the whole chain, one of: {1}":
            "请写出完整的地区，以下任选其一：{1}",
        "write {1}[…](<{2}>), or rename the file without spaces":
            "请写成 {1}[…](<{2}>)，或者把文件改成不带空格的名字",
        "{1} is not a folder casebook made (it has no {2}), so it is not replaced":
            "{1} 不是 casebook 建立的文件夹（里面没有 {2}），所以不会替换它",
        "{1}  (Templates/{2})":
            "{1}  （由 Templates/{2} 替换）",
        "{1} '{2}' and '{3}' differ only in Traditional and Simplified characters, but are filed as two places":
            "{1} '{2}' 和 '{3}' 只有繁简之别，却被当成了两个地方",
        "{1} '{2}' and '{3}' differ only in Traditional and Simplified characters, but are filed as two terms":
            "{1} '{2}' 和 '{3}' 只有繁简之别，却被当成了两个词条",
        "{1} '{2}' is not in {3}":
            "{1} '{2}' 不在 {3} 里",
        "{1} '{2}' is not in {3} (used by {4} case(s)); its page gets the slug '{5}'":
            "{1} '{2}' 不在 {3} 里（有 {4} 个案例用到）；它的页面将使用 slug '{5}'",
        "{1} '{2}' would have the slug '{3}' of '{4}'; it uses '{5}'":
            "{1} '{2}' 本该用 slug '{3}'，但这个 slug 已被 '{4}' 占用；现改用 '{5}'",
        "{1} already exists: this folder already holds a bulletin, and casebook init never replaces files":
            "{1} 已经存在：这个文件夹里已经有一个汇编，而 casebook init 从不替换已有的文件",
        "{1} already exists; nothing was written":
            "{1} 已经存在；什么也没有写入",
        "{1} and {2} more":
            "{1} 以及另外 {2} 项",
        "{1} applies a transform to nothing":
            "{1} 的转换没有作用对象",
        "{1} applies the unknown transform '{2}'; the transforms are {3}":
            "{1} 用了不认识的转换 '{2}'；可用的转换有 {3}",
        "{1} cannot stand inside {2}…: only {{$name}}…{{/name}} blocks override a parent":
            "{1} 不能放在 {2}… 里面：只有 {{$name}}…{{/name}} 块可以覆盖父模板",
        "{1} cases":
            "{1} 个案例",
        "{1} closes a section that was never opened":
            "{1} 要结束的区块从来没有开始过",
        "{1} does not close {2}, which is open since line {3}":
            "{1} 和第 {3} 行开始的 {2} 对不上",
        "{1} errors":
            "{1} 个错误",
        "{1} has only {2} days":
            "{1} 这个月只有 {2} 天",
        "{1} has parentheses without a transform before them":
            "{1} 的括号前面没有写转换名",
        "{1} includes itself, outside any section, so rendering it would never end":
            "{1} 在任何区块之外引用了它自己，渲染将永远不会结束",
        "{1} includes {2} again, through {3}, outside any section, so rendering it would never end":
            "{1} 经由 {3} 又引用了 {2}，而且不在任何区块之内，渲染将永远不会结束",
        "{1} is made for another Casebook (it says {2}); this one writes data format {3}, which it would not read":
            "{1} 是给另一个版本的 Casebook 用的（{2}）；这个版本写出的是数据格式 {3}，它读不了",
        "{1} is never closed":
            "{1} 没有结束",
        "{1} is the name of {2} places:\n{3}":
            "{1} 是 {2} 个地方的名称：\n{3}",
        "{1} must be a mapping of `key: value` lines":
            "{1}应该由 `key: value` 形式的行组成",
        "{1} or {2}":
            "{1}或{2}",
        "{1} warnings":
            "{1} 个警告",
        "{1} {2}s":
            "{1} {2} 秒",
        "{1}, {2}":
            "{1}，{2}",
        "{1}: the article is in {2} (GBK); it was converted to UTF-8 to be read.":
            "{1}：这篇文章是 {2}（GBK）编码，已转换为 UTF-8 读取。",
        "{1}: {2} line(s) of page chrome removed, {3} decorative symbol(s) removed, {4} pinyin annotation(s) removed, {5} Traditional character(s) simplified, {6} garbled spot(s) flagged":
            "{1}：删去网页杂项 {2} 行、装饰符号 {3} 个、拼音注音 {4} 处，繁体字转为简体 {5} 个，标出乱码 {6} 处",
    ]

    /// What libyaml says of common syntax errors, which Casebook shows inside its own message.
    static let yamlProblems: [String: String] = [
        "mapping values are not allowed in this context": "这里不能出现键值对（值里的冒号后面跟了空格）",
        "found character that cannot start any token": "遇到了一个不能出现在开头的字符",
        "found unexpected end of stream": "文件意外结束",
        "could not find expected ':'": "没有找到应有的 ':'",
        "while scanning a quoted scalar": "在读取带引号的值时",
        "while parsing a block mapping": "在读取键值对时",
        "while parsing a flow sequence": "在读取方括号列表时",
        "while scanning a simple key": "在读取键时",
        "did not find expected ',' or ']'": "没有找到应有的 ',' 或 ']'",
        "did not find expected ',' or '}'": "没有找到应有的 ',' 或 '}'",
        "while parsing a flow mapping": "在读取花括号键值对时",
        "while scanning for the next token": "在查找下一项内容时",
        "while parsing a block collection": "在读取列表时",
        "did not find expected comment or line break": "没有找到应有的注释或换行",
        "while scanning a block scalar": "在读取多行文字时",
        "found unknown escape character": "遇到了不认识的转义字符",
        "while parsing a quoted scalar": "在读取带引号的值时",
        "did not find expected <document start>": "文件开头的缩进不对（第一个键前面不能有空格）",
    ]

    /// What the system says of common errors (`strerror`), which Casebook shows inside its own messages.
    static let systemErrors: [String: String] = [
        "Address already in use": "端口已被占用",
        "Cannot assign requested address": "本机没有这个地址",
        "Device or resource busy": "设备或资源正忙",
        "File exists": "文件已存在",
        "File name too long": "文件名太长",
        "Input/output error": "读写出错（输入/输出错误）",
        "Is a directory": "这是一个文件夹",
        "No space left on device": "磁盘空间不足",
        "No such file or directory": "文件或文件夹不存在",
        "Not a directory": "这不是文件夹",
        "Operation not permitted": "不允许这样操作",
        "Permission denied": "没有权限",
        "Read-only file system": "文件系统是只读的",
        "Too many levels of symbolic links": "符号链接层数太多（可能绕成了圈）",
    ]
}
