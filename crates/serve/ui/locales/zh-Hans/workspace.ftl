# yaku serve 页面的文字(简体中文)。

app-title = yaku 翻译工作区
language-label = 界面语言
loading = 正在加载…
error = 错误
back = 返回概览
skip-link = 跳到正文

## 概览

dashboard-title = 文档与语言
filter-locale = 语言
filter-all-locales = 所有语言
filter-show = 显示
filter-all = 全部
filter-needs-work = 需要处理的
filter-qa = 有 QA 错误的
search-label = 搜索文档
col-document = 文档
col-locale = 语言
col-progress = 进度
col-qa = QA 错误
chars-left = 剩余字数
no-rows = 没有符合条件的文档

## 状态

state-current = 最新
state-stale = 原文已变更
state-in-progress = 更新中
state-untranslated = 未翻译
state-missing = 缺失
state-obsolete = 已废弃
state-renamed = ID 已更改

## 文档页面

doc-source = 原文
doc-translation = 译文
doc-change = 自上次确认以来原文的变更
doc-no-baseline = 未找到上次确认时的原文,因此显示整个原文
doc-findings = QA 提示
doc-glossary = 术语表译法
doc-missing = 译文中还没有这一节。请运行 yaku sync。
keyboard-help = Ctrl+S:保存 · Ctrl+Enter:保存并确认 · Alt+↓ / Alt+↑:下一个 / 上一个需要处理的节

## 操作

action-save = 保存
action-accept = 确认
action-reviewed = 已审阅,无需修改
action-suggest = 翻译记忆
action-preview = 预览
saved = 已保存
accepted = 已确认
refused = 未确认
unsaved = 有未保存的修改
restored = 已恢复上次未保存的译文
live-updated = 已载入磁盘上的变更

## 建议

preview-note = 已保存的译文，按 HTML 构建的样式显示
preview-label = 预览
suggest-none = 没有建议
suggest-insert = 插入
similarity = 相似度

## 冲突

conflict-title = 此文件已在别处被修改。两份译文都没有丢失。
conflict-theirs = 磁盘上的译文
conflict-mine = 你的译文
conflict-keep-mine = 保存我的译文
conflict-take-theirs = 使用磁盘上的译文
