import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { setActorTypeLabels } from '../domain/consent'
import en from './en.json'
import nl from './nl.json'

export const LANGUAGES = ['nl', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

// The consent rules' substitutes ("Anonieme bewoner") are Dutch phrases, in either UI language: the
// domain gets the Dutch actor type labels here, before anything is shown.
setActorTypeLabels(nl.facet.actorType)

/** Starts i18next with Dutch as source and fallback language. All UI text goes through it. */
export async function initI18n(language: Language): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false
  })
  return i18next
}

export { i18next }
