/**
 * Guidance-note topics, grouped by the programme's six service areas (Act 681/2023 §10, §14–§27), so a coordinator
 * can count guidance per service area and a counsellor picks from a list instead of free text.
 */
export const serviceAreas = {
  assessment: ['serviceNeedsAssessment', 'competenceAssessment'],
  plan: ['integrationPlan', 'multiprofessionalPlan', 'familyPlan', 'planReview'],
  civicOrientation: ['civicOrientation'],
  integrationTraining: ['integrationTraining', 'finalLanguageTest'],
  otherServices: ['languageStudies', 'literacy', 'workingLifeSkills', 'employment', 'entrepreneurship'],
  guidance: ['generalGuidance', 'rightsAndDuties', 'housing', 'healthAndSocial', 'childrenAndFamily', 'referral'],
} as const;

export type ServiceArea = keyof typeof serviceAreas;
export type NoteTopic = (typeof serviceAreas)[ServiceArea][number];

export const noteTopics: NoteTopic[] = Object.values(serviceAreas).flat();
