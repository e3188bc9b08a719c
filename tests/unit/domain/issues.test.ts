import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NODE_KINDS, nodeDefaults } from '../../../src-renderer/domain/node-kinds'
import { ISSUE_CODES, type Issue } from '../../../src-renderer/domain/result'
import {
  validateAnnotation,
  validateGraph,
  validateNode,
  validateNodeDraft
} from '../../../src-renderer/domain/validate'
import en from '../../../src-renderer/i18n/en.json'
import {
  fieldIssueMessages,
  fixedTranslator,
  issueMessage,
  localizeIssues
} from '../../../src-renderer/i18n/issue-message'
import nl from '../../../src-renderer/i18n/nl.json'

const NL = fixedTranslator('nl')
const EN = fixedTranslator('en')
const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort()

function issuesOf(r: { ok: boolean; issues?: Issue[] }): Issue[] {
  return r.ok ? [] : (r.issues ?? [])
}

describe('issue codes', () => {
  it('every code has a Dutch and an English message with the same placeholders', () => {
    const nlIssues = nl.issues as Record<string, string>
    const enIssues = en.issues as Record<string, string>
    for (const code of ISSUE_CODES) {
      expect(typeof nlIssues[code], `nl issues.${code}`).toBe('string')
      expect(typeof enIssues[code], `en issues.${code}`).toBe('string')
      expect(placeholders(enIssues[code]!), code).toEqual(placeholders(nlIssues[code]!))
    }
    expect(Object.keys(nlIssues).sort()).toEqual([...ISSUE_CODES].sort())
    expect(Object.keys(enIssues).sort()).toEqual([...ISSUE_CODES].sort())
  })

  it('nothing in domain/ imports i18n/', () => {
    const root = resolve('src-renderer/domain')
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (path.endsWith('.ts')) files.push(path)
      }
    }
    walk(root)
    expect(files.length).toBeGreaterThan(10)
    for (const file of files)
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"][./]*\/?i18n/)
  })
})

describe('the domain says what is wrong, the UI says it in the user language', () => {
  it('a field too long: code, path and the limit; Dutch and English from the same issue', () => {
    const [issue, ...rest] = issuesOf(
      validateNodeDraft({ ...nodeDefaults('lesson'), title: 'x'.repeat(501) })
    )
    expect(rest).toEqual([])
    expect(issue).toMatchObject({ code: 'too_long', path: ['title'], params: { max: 500 } })
    expect(issueMessage(NL, issue!)).toBe('Titel is te lang (max. 500 tekens).')
    expect(issueMessage(EN, issue!)).toBe('Title is too long (max. 500 characters).')
    expect(issue!.message).toBe('title: too_long (max 500)')
  })

  it.each(NODE_KINDS)('%s: an empty title is required, a blank one too', (kind) => {
    for (const title of ['', '   ']) {
      const issues = issuesOf(validateNodeDraft({ ...nodeDefaults(kind), title, text: 'x' }))
      expect(issues.map((i) => [i.code, i.path])).toEqual([['required', ['title']]])
      expect(issueMessage(NL, issues[0]!)).toBe('Titel is verplicht.')
      expect(issueMessage(EN, issues[0]!)).toBe('Title is required.')
    }
  })

  it('a missing facet and a wrong one, a source without title and a bad link', () => {
    const { actorType: _a, ...noType } = nodeDefaults('actor')
    const issues = issuesOf(
      validateNodeDraft({
        ...noType,
        title: 'Anna',
        consent: 'misschien',
        sources: [
          { title: '' },
          { title: 'Site', url: 'ftp://example.org/x' },
          { title: 'S', url: 'geen link' }
        ]
      })
    )
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['required', ['sources', 0, 'title']],
      ['url_not_http', ['sources', 1, 'url']],
      ['invalid_url', ['sources', 2, 'url']],
      ['required', ['actorType']],
      ['invalid_enum', ['consent']]
    ])
    expect(issues.map((i) => issueMessage(NL, i))).toEqual([
      'Titel van de bron is verplicht.',
      'Alleen http- en https-links zijn toegestaan.',
      'Geen geldige link.',
      'Soort actor is verplicht.',
      'Toestemming: kies een van de mogelijkheden.'
    ])
    expect(issues.map((i) => issueMessage(EN, i))).toEqual([
      'Source title is required.',
      'Only http and https links are allowed.',
      'Not a valid link.',
      'Actor type is required.',
      'Consent: choose one of the options.'
    ])
    expect(fieldIssueMessages(NL, issues)).toEqual({
      sources:
        'Titel van de bron is verplicht. Alleen http- en https-links zijn toegestaan. Geen geldige link.',
      actorType: 'Soort actor is verplicht.',
      consent: 'Toestemming: kies een van de mogelijkheden.'
    })
  })

  it('a quote needs its text; a forbidden free field name', () => {
    const issues = issuesOf(
      validateNodeDraft({
        ...nodeDefaults('quote'),
        title: 'Q',
        fields: JSON.parse('{"constructor": 1}') as Record<string, number>
      })
    )
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unsafe_key', ['fields']],
      ['required', ['text']]
    ])
    expect(issues.map((i) => issueMessage(EN, i))).toEqual([
      'Forbidden field name (__proto__, constructor or prototype).',
      'Text is required.'
    ])
  })

  it('an unknown kind, duplicates and an annotation without target', () => {
    const unknown = issuesOf(validateNode({ id: 'n', kind: 'persoon' }))
    expect(unknown).toEqual([
      expect.objectContaining({ code: 'unknown_kind', params: { value: 'persoon' } })
    ])
    expect(issueMessage(NL, unknown[0]!)).toBe('Onbekende knoopsoort: persoon.')
    const node = {
      ...nodeDefaults('theme'),
      id: 't1',
      title: 'T',
      createdAt: 'x',
      updatedAt: 'x',
      createdBy: '',
      updatedBy: ''
    }
    const dup = issuesOf(validateGraph({ nodes: [node, node], edges: [] }))
    expect(dup).toEqual([
      expect.objectContaining({
        code: 'duplicate_id',
        recordId: 't1',
        params: { id: 't1', of: 'nodes' }
      })
    ])
    expect(issueMessage(NL, dup[0]!)).toBe('Dubbel id bij knopen: t1.')
    expect(issueMessage(EN, dup[0]!)).toBe('Duplicate id among nodes: t1.')
    const lonely = issuesOf(
      validateAnnotation(
        {
          id: 'a1',
          createdAt: 'x',
          updatedAt: 'x',
          createdBy: 'x',
          updatedBy: 'x',
          targetId: 'e9',
          targetType: 'edge',
          author: ' ',
          stance: 'agrees',
          confidence: 0
        },
        () => false
      )
    )
    expect(lonely.map((i) => [i.code, i.path, i.params])).toEqual([
      ['required', ['author'], {}],
      ['too_small', ['confidence'], { min: 1 }]
    ])
    expect(lonely.map((i) => issueMessage(NL, i))).toEqual([
      'Auteur is verplicht.',
      'Zekerheid (1–5) moet minstens 1 zijn.'
    ])
  })

  it('issues without params (storage, exchange) keep their own text', () => {
    const legacy: Issue = { code: 'read_only', path: [], message: 'Alleen-lezen: eigen tekst.' }
    expect(issueMessage(EN, legacy)).toBe('Alleen-lezen: eigen tekst.')
    expect(issueMessage(EN, { ...legacy, message: '' })).toBe(
      'This database is open read-only; it cannot be edited.'
    )
    expect(fieldIssueMessages(EN, [legacy])).toEqual({ _form: 'Alleen-lezen: eigen tekst.' })
  })

  it('localizeIssues fills in the message for code that shows it (import, CLI)', () => {
    const issues = issuesOf(validateNodeDraft({ ...nodeDefaults('project'), title: '' }))
    const legacy: Issue = { code: 'invalid_json', path: [], message: 'Kapot.' }
    const [dutch, kept] = localizeIssues([...issues, legacy])
    expect(dutch).toMatchObject({
      code: 'required',
      path: ['title'],
      message: 'Titel is verplicht.'
    })
    expect(kept).toBe(legacy)
    expect(localizeIssues(issues, 'en')[0]?.message).toBe('Title is required.')
  })
})
