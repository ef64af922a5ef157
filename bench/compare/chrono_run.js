#!/usr/bin/env node
// Side-by-side run of chrono-node (npm) over a phrase corpus, for bench/compare/run.sh.
// Russian corpora go through chrono.ru.parse, English ones through chrono.en.parse. A phrase is
// "fully read" when the texts of the results cover every non-space character of the phrase
// (strict), or every letter and digit (words). Timed on one core over the whole corpus, repeated
// for at least MIN_SECONDS of process CPU time (user + system, all of node's threads, so its
// garbage collector counts) after one untimed warm-up pass. Prints one tab-separated line: tool,
// corpus, phrases, fully read (strict), fully read (words), phrases per second.
// Usage: node chrono_run.js CORPUS_FILE LANG [MIN_SECONDS]
'use strict';
const fs = require('fs');
const path = require('path');
const chrono = require(path.join(__dirname, 'node', 'node_modules', 'chrono-node'));

function readPhrases(file) {
  const phrases = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    phrases.push(line.replace(/\\(n|\\)/g, (_, c) => (c === 'n' ? '\n' : '\\')));
  }
  return phrases;
}

function coverage(text, results) {
  const covered = new Array(text.length).fill(false);
  for (const r of results) {
    for (let i = Math.max(r.index, 0); i < Math.min(r.index + r.text.length, text.length); i++) {
      covered[i] = true;
    }
  }
  let strict = true;
  let words = true;
  for (let i = 0; i < text.length; i++) {
    if (covered[i]) continue;
    if (!/\s/u.test(text[i])) strict = false;
    if (/[\p{L}\p{N}]/u.test(text[i])) words = false;
  }
  return [strict, words];
}

function main() {
  const [file, lang, seconds] = process.argv.slice(2);
  const minSeconds = seconds ? Number(seconds) : 2.0;
  const parser = lang === 'ru' ? chrono.ru : chrono.en;
  // A fixed reference date so that relative words resolve the same way in every run.
  const ref = new Date(2023, 8, 1);
  const phrases = readPhrases(file);
  let strict = 0;
  let words = 0;
  for (const p of phrases) {
    const [s, w] = coverage(p, parser.parse(p, ref));
    strict += s;
    words += w;
  }
  let done = 0;
  const cpuSeconds = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const start = cpuSeconds();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    for (const p of phrases) parser.parse(p, ref);
    done += phrases.length;
    elapsed = cpuSeconds() - start;
  }
  const rate = done / elapsed;
  console.log(`chrono.${lang}.parse\t${path.basename(file)}\t${phrases.length}\t${strict}\t${words}\t${rate.toFixed(1)}`);
}

main();
