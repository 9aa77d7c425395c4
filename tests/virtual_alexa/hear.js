#!/usr/bin/env node
// An independent client for issue 13's measurement: bespoken's virtual-alexa hears each
// phrase from the interaction model and posts it to the skill's HTTP endpoint
// (`spasm-coach serve --no-verify` on loopback).
//
//   node hear.js --url http://127.0.0.1:PORT/ --model ../../interaction_model/en-US.json < phrases
//
// stdin: one phrase a line (a JSON string, or an object with "text"). stdout: one JSON
// object a line, in the same order, with the row's index but never its words:
//   {index, intent, matched, approximate, safety, pending, end_session, error}
//
// --hearing approximate: a phrase virtual-alexa's matcher cannot place is sent as the
// simulator's approximate hearing heard it (the row object's "approximate": {intent, slots},
// worked out by the caller), instead of as FallbackIntent; "approximate" is then true.
// --concurrency N phrases are in flight at once (default 4), each on its own VirtualAlexa.
// --every-sample: virtual-core tries every sample on every phrase (see Candidates; the
// answers are the same, only slower).
//
// One-shot: each phrase is the first request of a new session, for a new user (no launch
// before it). Hearing is virtual-alexa's own matcher (virtual-core's Utterance, what
// VirtualAlexa.utter() uses); the request goes out through VirtualAlexa.intend(). utter()
// itself is not called: its launch detection, /(ask|open|launch|talk to|tell).*/ with no
// anchor, turns any phrase containing "ask", "tell", "open" or "launch" ("I can't tell when
// I need to go") into a LaunchRequest, and it throws on a phrase no sample matches, where
// Alexa sends AMAZON.FallbackIntent: here such a phrase is sent as FallbackIntent.
// virtual-alexa 0.7.8 has no strict switch: a custom slot type matches only its listed
// values and synonyms (virtual-core SlotType.match), which is the strict hearing.
"use strict";

const fs = require("fs");
const readline = require("readline");
const { VirtualAlexa } = require("virtual-alexa");
const { Utterance } = require("virtual-core");

const FALLBACK = "AMAZON.FallbackIntent";

// virtual-core's Utterance tries every sample of the model on a phrase, building each sample's
// regular expression anew (^sample$, case-insensitive, each {slot} a (.*) with the spaces
// around it taken off). A sample can only match a phrase that holds each of its words
// between slots as written, so Candidates hands Utterance, in the model's order, only the
// samples whose literal pieces all occur in the phrase (cleaned as SamplePhraseTest cleans
// it, lower case). A piece of anything but letters, digits, apostrophes and spaces could
// mean something else in a regular expression: its sample is always tried. Which sample
// matches, and so the intent and slots heard, is what trying every sample gives.
const CLEAN = /[\!\"\¿\?|\#\$\%\/\(\)\=\+\-\_\<\>\*\{\}\·\¡\[\]\.\,\;\:]/g;  // SamplePhraseTest's

function literalPieces(phrase) {
  const pieces = phrase.split(/\{[^}]*\}/).map((piece) => piece.trim().toLowerCase()).filter((piece) => piece);
  return pieces.every((piece) => /^[a-z0-9' ]+$/.test(piece)) ? pieces : null;  // null: always try it
}

class Candidates {
  constructor(interactionModel) {
    this.intentSchema = interactionModel.intentSchema;
    this.all = interactionModel.sampleUtterances;
    this.pieces = new Map();
    this.phrase = "";
  }

  for(phrase) {
    this.phrase = phrase.replace(CLEAN, "").toLowerCase();
    return this;
  }

  // What Utterance asks of interactionModel.sampleUtterances.
  get sampleUtterances() {
    return { samplesForIntent: (intent) => this.all.samplesForIntent(intent).filter((sample) => this.possible(sample)) };
  }

  possible(sample) {
    if (!this.pieces.has(sample)) this.pieces.set(sample, literalPieces(sample.phrase));
    const pieces = this.pieces.get(sample);
    return pieces === null || pieces.every((piece) => this.phrase.includes(piece));
  }
}

function options(argv) {
  const found = { url: null, model: null, locale: "en-US", timeoutMs: 10000, concurrency: 4, hearing: "strict",
                  everySample: false };
  for (let i = 2; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === "--every-sample") {
      found.everySample = true;
      i -= 1;
    } else if (name === "--url") found.url = value;
    else if (name === "--model") found.model = value;
    else if (name === "--locale") found.locale = value;
    else if (name === "--timeout-ms") found.timeoutMs = Number(value);
    else if (name === "--concurrency") found.concurrency = Math.max(1, Number(value));
    else if (name === "--hearing") found.hearing = value;
    else throw new Error("unknown option " + name);
  }
  if (!found.url || !found.model) throw new Error("usage: hear.js --url URL --model MODEL.json");
  if (!["strict", "approximate"].includes(found.hearing)) throw new Error("no hearing " + found.hearing);
  const host = new URL(found.url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) {
    throw new Error("loopback only: " + found.url);
  }
  return found;
}

function withTimeout(promise, ms) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("no answer within " + ms + " ms")), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// A connection the server closed just as a request went out on it (a keep-alive race on a
// loaded machine: "socket hang up", ECONNRESET) says nothing about the skill: the request is
// sent once more, and only once. Any other error, and a second failure, is the row's answer.
const TRANSPORT = /socket hang up|ECONNRESET/;

async function sent(send, timeoutMs) {
  try {
    return await withTimeout(send(), timeoutMs);
  } catch (problem) {
    if (!TRANSPORT.test(String(problem && problem.message ? problem.message : problem))) throw problem;
    return withTimeout(send(), timeoutMs);
  }
}

function phraseOf(line) {
  const value = JSON.parse(line);
  return typeof value === "string" ? { text: value, approximate: null }
    : { text: String(value.text), approximate: value.approximate || null };
}

async function hearOne(alexa, declared, phrase, index, timeoutMs, hearing, candidates) {
  const out = { index, intent: null, matched: false, approximate: false, safety: null, pending: null,
                end_session: null, error: null };
  const text = phrase.text;
  try {
    // A new person, a new session: the phrase is the session's first request.
    alexa.context().endSession();
    alexa.context().user().setID("amzn1.ask.account.virtual-alexa-" + index + "-" + Date.now());
    const model = candidates ? candidates.for(text) : alexa.context().interactionModel();
    const heard = new Utterance(model, text);
    out.matched = heard.matched();
    out.intent = out.matched ? heard.intent() : FALLBACK;
    let slots = out.matched ? heard.toJSON() : {};
    const guess = phrase.approximate;
    if (!out.matched && hearing === "approximate" && guess && guess.intent && guess.intent !== FALLBACK) {
      out.intent = guess.intent;
      out.approximate = true;
      slots = guess.slots || {};
    }
    if (out.intent === FALLBACK && !declared.has(FALLBACK)) throw new Error("unmatched, and the model has no " + FALLBACK);
    const reply = await sent(() => alexa.intend(out.intent, slots), timeoutMs);
    const attributes = reply.sessionAttributes || {};
    out.safety = attributes.safety === undefined ? null : attributes.safety;
    out.pending = attributes.pending === undefined ? null : attributes.pending;
    out.end_session = reply.response ? reply.response.shouldEndSession === true : null;
  } catch (problem) {
    out.error = String(problem && problem.message ? problem.message : problem);
  }
  return out;
}

async function main() {
  const opts = options(process.argv);
  const model = JSON.parse(fs.readFileSync(opts.model, "utf8"));
  const declared = new Set(model.interactionModel.languageModel.intents.map((i) => i.name));
  const texts = [];
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) texts.push(phraseOf(line));
  }
  const results = new Array(texts.length);
  let next = 0;
  async function worker() {
    const alexa = VirtualAlexa.Builder().interactionModel(model).skillURL(opts.url)
      .locale(opts.locale).create();
    const candidates = opts.everySample ? null : new Candidates(alexa.context().interactionModel());
    while (next < texts.length) {
      const index = next++;
      results[index] = await hearOne(alexa, declared, texts[index], index, opts.timeoutMs, opts.hearing, candidates);
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  for (const out of results) process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((problem) => {
  process.stderr.write("hear.js: " + (problem && problem.stack ? problem.stack : problem) + "\n");
  process.exit(2);
});
