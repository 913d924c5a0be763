/** The demo workspace's cast. Addresses use the reserved example.com domain. */
export const PEOPLE = {
  priya: 'priya.raman@example.com',
  maya: 'maya.chen@example.com',
  daniel: 'daniel.okafor@example.com',
  sofia: 'sofia.alvarez@example.com',
  liam: 'liam.novak@example.com',
  jonas: 'jonas.berg@example.com',
} as const;

export const PLATFORM_TEAM = 'ml-platform@example.com';
