/** Short, realistic guidance-note sentences for the demo, one or two per topic. No real persons. */
import type { NoteTopic } from '#shared/domain/noteTopics.ts';

export const noteSentences: Readonly<Record<NoteTopic, readonly string[]>> = {
  serviceNeedsAssessment: [
    'Went through the assessment of service needs: goals, family situation and earlier schooling.',
    'Started the initial assessment; client wants to work in logistics within a year.',
  ],
  competenceAssessment: [
    'Mapped work history and education; diploma to be translated for recognition.',
    'Competence assessment: strong IT skills, needs Finnish for the workplace.',
  ],
  integrationPlan: [
    'Drafted the integration plan together; goals agreed for the next six months.',
    'Integration plan agreed and signed; copy given in the service language.',
  ],
  multiprofessionalPlan: [
    'Joint meeting with the wellbeing services county social worker about the multiprofessional plan.',
    'Multiprofessional plan prepared with LUVN; rehabilitation needs noted.',
  ],
  familyPlan: [
    'Discussed a family plan; both guardians gave consent.',
    'Family plan: daycare place and language support for the children planned.',
  ],
  planReview: [
    'Six-month plan review: Finnish course going well, employment goal unchanged.',
    'Reviewed the plan after a change in family situation; timetable updated.',
  ],
  civicOrientation: [
    'Registered for multilingual civic orientation starting next month.',
    'Civic orientation attendance checked; 40 of 70 hours completed.',
  ],
  integrationTraining: [
    'Referred to integration training; start date confirmed by the provider.',
    'Integration training progressing; attendance good, needs extra reading practice.',
  ],
  finalLanguageTest: [
    'Discussed the final test of integration training; speaking at B1.1 expected.',
    'Final test results received: listening and reading at B1.1.',
  ],
  languageStudies: [
    'Looked at evening Finnish courses at the adult education centre.',
    'Client prefers Swedish studies; options in Kyrkslätt checked.',
  ],
  literacy: [
    'Literacy training recommended; Latin alphabet still uncertain.',
    'Literacy group started; client reports steady progress.',
  ],
  workingLifeSkills: [
    'Practised a job interview and went through a CV in Finnish.',
    'Talked about working hours, pay slips and the role of trade unions.',
  ],
  employment: [
    'Registered as a job seeker; initial interview booked with the employment services.',
    'Work trial at a local warehouse agreed for four weeks.',
  ],
  entrepreneurship: [
    'Client plans to open a small catering business; referred to enterprise advice.',
    'Went through the start-up grant and the business plan template.',
  ],
  generalGuidance: [
    'General guidance on services in the municipality and how to book appointments.',
    'Helped with Kela forms and explained the decision letter.',
  ],
  rightsAndDuties: [
    'Explained rights and duties under the integration plan; client confirmed understanding.',
    'Reminded about reporting changes in address and attendance.',
  ],
  housing: [
    'Housing application for a rental flat submitted together.',
    'Discussed the rental agreement and the housing allowance.',
  ],
  healthAndSocial: [
    'Advised on booking a health centre appointment and the emergency number.',
    'Client referred to social services for an income support review.',
  ],
  childrenAndFamily: [
    'Daycare application for the youngest child discussed; school start for the eldest.',
    'Talked about child health clinic visits and the family benefits.',
  ],
  referral: [
    'Referred to the wellbeing services county for further support.',
    'Referral sent to the employment services for a career planning service.',
  ],
};

export const closingSentences = [
  'Next meeting agreed.',
  'Client will bring the missing documents next time.',
  'Follow-up by phone in two weeks.',
  'No further action needed for now.',
  '',
];
