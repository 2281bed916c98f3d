/**
 * The facts of the accessibility statement that are the same in every language: the date it was prepared and the
 * addresses. The text around them is in locales/<lng>/accessibility.json.
 */

/** When the statement was prepared (Act 306/2019 §15); update it whenever the statement is reviewed. */
export const statementPreparedOn = '2026-11-30';

/**
 * Where accessibility feedback goes. PLACEHOLDER: the municipality must replace it with its own monitored address
 * before the app goes live (`.example` is a reserved domain, so nothing sent to it is delivered anywhere).
 */
export const feedbackEmail = 'saavutettavuuspalaute@kunta.example';

/**
 * The supervisory authority. Supervision moved from the Regional State Administrative Agency to Traficom
 * (HE 71/2024); its accessibility website stays the place for reports. The municipality should confirm the current
 * e-mail and phone contacts when it reviews the statement; only the website is given until then.
 */
export const supervisoryAuthority = {
  website: 'www.saavutettavuusvaatimukset.fi',
  websiteUrl: 'https://www.saavutettavuusvaatimukset.fi',
} as const;
