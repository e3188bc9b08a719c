import { z } from 'zod'
import { CONSENT_LEVELS, type ConsentLevel } from '../facets'
import {
  commonNodeFields,
  defineKind,
  facetField,
  longText,
  text,
  textList,
  textListField
} from './common'

/** A conversation. Until the interviewee says otherwise, it is pseudonymised. */
const defaults = (): {
  consent: ConsentLevel
  summary: string
  wentWell: string[]
  wentWrong: string[]
  attentionPoints: string[]
  transcript: string
} => ({
  consent: 'pseudonymised',
  summary: '',
  wentWell: [],
  wentWrong: [],
  attentionPoints: [],
  transcript: ''
})

export const interviewSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('interview'),
  date: z.string().max(40).optional(),
  interviewer: z.string().max(200).optional(),
  format: z.string().max(200).optional(),
  consent: z.enum(CONSENT_LEVELS).default(defaults().consent),
  summary: z.string().max(20_000).default(''),
  wentWell: textList,
  wentWrong: textList,
  attentionPoints: textList,
  transcript: z.string().max(2_000_000).default('')
})

export const interviewKind = defineKind({
  kind: 'interview',
  schema: interviewSchema,
  defaults,
  fields: [
    text('date'),
    text('interviewer'),
    text('format'),
    facetField('consent', 'consent'),
    longText('summary'),
    textListField('wentWell'),
    textListField('wentWrong'),
    textListField('attentionPoints'),
    longText('transcript', { rows: { min: 4, max: 14 }, inspector: false })
  ]
})
