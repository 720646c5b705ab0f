// Compiles each .mdx file named on the command line with the MDX compiler (@mdx-js/mdx,
// installed by tests/mdx-judge/install.sh into the folder MDX_JUDGE_MODULES names) and
// prints `path:line:column: reason` for each file it rejects. Exit 0 when every file
// compiles, 1 otherwise. Front matter is left out first, as Docusaurus does
// (remark-frontmatter), lines kept so that positions stay those of the file.
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const modules = process.env.MDX_JUDGE_MODULES
if (!modules) {
  console.error('MDX_JUDGE_MODULES is not set: run tests/mdx-judge/install.sh')
  process.exit(2)
}
const {compile} = await import(
  pathToFileURL(join(modules, '@mdx-js/mdx/index.js')).href
)

let rejected = 0
for (const path of process.argv.slice(2)) {
  const text = (await readFile(path, 'utf8')).replace(
    /^---\r?\n[\s\S]*?\r?\n---\r?\n/,
    (front) => front.replace(/[^\n]/g, '')
  )
  try {
    await compile({value: text, path})
  } catch (error) {
    rejected += 1
    const place = error.place?.start ?? error.place ?? {}
    console.log(
      `${path}:${place.line ?? '?'}:${place.column ?? '?'}: ${error.reason ?? error.message}`
    )
  }
}
process.exit(rejected ? 1 : 0)
