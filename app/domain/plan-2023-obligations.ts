// Every duty the 2023 plan puts on schools (sections I.2, II.1, II.2, III.2),
// each with the template cards or items that carry it onto a school's board.
// A test checks each id exists, so dropping a card cannot silently drop a duty.

export type PlanObligation = {
  section: string;
  key: string;
  description: string;
  templateIds: string[];
};

export const PLAN_2023_OBLIGATIONS: PlanObligation[] = [
  { section: "I.2", key: "detailed-action-plan", description: "Each school builds its own detailed action plan, with a clear focus and a roadmap.", templateIds: ["tpl-action-plan", "tpl-action-plan-1"] },
  { section: "I.2", key: "tie-to-landscape", description: "Tie the plan to concrete activities protecting the landscape and environmental hygiene.", templateIds: ["tpl-action-plan-2"] },
  { section: "I.2", key: "launch", description: "Launch the movement in the school (the plan speaks of follow-up 'after the launch').", templateIds: ["tpl-action-plan-3"] },
  { section: "I.2", key: "communicate-staff", description: "Communicate to staff, teachers and employees.", templateIds: ["tpl-communicate-1"] },
  { section: "I.2", key: "communicate-students", description: "Communicate to and educate students.", templateIds: ["tpl-communicate-2"] },
  { section: "I.2", key: "communicate-parents", description: "Communicate to and mobilise parents.", templateIds: ["tpl-communicate-3"] },
  { section: "II.1", key: "broad-propaganda", description: "Push propaganda, mobilisation and education broadly so everyone sees the urgency.", templateIds: ["tpl-communicate"] },
  { section: "II.1", key: "propaganda-content", description: "Build propaganda content.", templateIds: ["tpl-propaganda-content-1"] },
  { section: "II.1", key: "propaganda-channels", description: "Choose communication channels fit for each area and audience.", templateIds: ["tpl-propaganda-content-2"] },
  { section: "II.1", key: "fined-behaviours", description: "Make known which uncivil behaviours are fined, to staff and to the public.", templateIds: ["tpl-fined-behaviours", "tpl-fined-behaviours-1", "tpl-fined-behaviours-2"] },
  { section: "II.1", key: "residential-groups-families", description: "Mobilise every residential group and family.", templateIds: ["tpl-community", "tpl-community-1", "tpl-community-2"] },
  { section: "II.2", key: "mass-media", description: "Communicate through the mass media.", templateIds: ["tpl-slogans-1"] },
  { section: "II.2", key: "slogans-panels-posters", description: "Hang slogans, panels and posters.", templateIds: ["tpl-slogans-2"] },
  { section: "II.2", key: "parades", description: "Hold parades.", templateIds: ["tpl-slogans-3"] },
  { section: "II.2", key: "cleanup-drives", description: "Organise cleanup drives.", templateIds: ["tpl-cleanup", "tpl-cleanup-1"] },
  { section: "II.2", key: "landscape-tidying", description: "Tidy the landscape.", templateIds: ["tpl-cleanup-2"] },
  { section: "II.2", key: "party-cell", description: "Put the movement into party-cell meetings.", templateIds: ["tpl-party-cell-1"] },
  { section: "II.2", key: "school-organisations", description: "Put the movement into the school's organisations.", templateIds: ["tpl-party-cell-2"] },
  { section: "I.2", key: "regular-inspection", description: "Inspect and follow up regularly on a concrete plan.", templateIds: ["tpl-inspection", "tpl-inspection-1"] },
  { section: "I.2", key: "school-street", description: "Keep up the quality of the school's street.", templateIds: ["tpl-inspection-2"] },
  { section: "I.2", key: "ward-residential-areas", description: "Keep up the residential areas of the ward with the residents' support.", templateIds: ["tpl-inspection-3"] },
  { section: "III.2", key: "traffic-safety-education", description: "Run traffic-safety education for students.", templateIds: ["tpl-traffic-safety", "tpl-traffic-safety-2"] },
  { section: "III.2", key: "environment-education", description: "Run environmental-protection education for students.", templateIds: ["tpl-environment", "tpl-environment-2"] },
  { section: "III.2", key: "directive-24", description: "Carry out Directive 24/CT-UBND of 14/12/2015 on removing illegal ads and classifieds.", templateIds: ["tpl-illegal-ads-1"] },
  { section: "III.2", key: "plan-46", description: "Carry out Plan 46/KH-BCĐ of 09/03/2022 of the district steering committee.", templateIds: ["tpl-illegal-ads-2"] },
  { section: "III.2", key: "remove-illegal-ads", description: "Remove illegal advertisements and classifieds.", templateIds: ["tpl-illegal-ads", "tpl-illegal-ads-3"] },
  { section: "II.2", key: "one-year-review", description: "Review one year of the movement.", templateIds: ["tpl-review", "tpl-review-1"] },
  { section: "II.2", key: "commendation-proposals", description: "Propose commendations for outstanding collectives and individuals.", templateIds: ["tpl-review-2"] },
  { section: "III.2", key: "results-report", description: "Report results to the district office before 05/12/2023.", templateIds: ["tpl-report", "tpl-report-2"] },
];
