# yaku serve の画面の文字列(原文: 日本語)。

app-title = yaku 翻訳ワークスペース
language-label = 表示言語
loading = 読み込み中…
error = エラー
back = ダッシュボードへ戻る
skip-link = 本文へ移動

## ダッシュボード

dashboard-title = 文書と言語
filter-locale = 言語
filter-all-locales = すべての言語
filter-show = 表示
filter-all = すべて
filter-needs-work = 作業が必要なもの
filter-qa = QA エラーがあるもの
search-label = 文書を検索
col-document = 文書
col-locale = 言語
col-progress = 進捗
col-qa = QA エラー
chars-left = 残り文字数
no-rows = 該当する文書はありません

## 状態

state-current = 最新
state-stale = 原文変更あり
state-in-progress = 更新中
state-untranslated = 未翻訳
state-missing = 欠落
state-obsolete = 廃止
state-renamed = ID 変更

## 文書ページ

doc-source = 原文
doc-translation = 訳文
doc-change = 前回の承認以降の原文の変更
doc-no-baseline = 前回承認時の原文が見つからないため、原文全体を表示しています
doc-findings = QA の指摘
doc-glossary = 用語集の訳語
doc-missing = この節はまだ訳文にありません。yaku sync を実行してください。
keyboard-help = Ctrl+S: 保存 · Ctrl+Enter: 保存して承認 · Alt+↓ / Alt+↑: 作業が必要な次 / 前の節

## 操作

action-save = 保存
action-accept = 承認
action-reviewed = 確認済み・変更不要
action-suggest = 翻訳メモリの候補
action-preview = プレビュー
saved = 保存しました
accepted = 承認しました
refused = 承認されませんでした
unsaved = 未保存の変更があります
restored = 前回保存されなかった訳文を復元しました
live-updated = ディスク上の変更を読み込みました

## 候補

preview-note = 保存済みの翻訳を、HTML ビルドと同じ形で表示しています
preview-label = プレビュー
suggest-none = 候補はありません
suggest-insert = 挿入
similarity = 類似度

## 競合

conflict-title = このファイルは他で変更されました。どちらの訳文も失われていません。
conflict-theirs = ディスク上の訳文
conflict-mine = あなたの訳文
conflict-keep-mine = 自分の訳文で保存
conflict-take-theirs = ディスク上の訳文を使う
