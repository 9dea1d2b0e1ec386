import { Initial1795645181515 } from './1795645181515-Initial.js';
import { ReviewConversations1795652852168 } from './1795652852168-ReviewConversations.js';
import { RulesInTheDatabase1795645181600 } from './1795645181600-RulesInTheDatabase.js';
import { CertificationCycles1795649547383 } from './1795649547383-CertificationCycles.js';
import { ShadowingAndRolePlay1795647380951 } from './1795647380951-ShadowingAndRolePlay.js';
import { QaScorecards1795650142043 } from './1795650142043-QaScorecards.js';
import { XapiOutbox1795650253902 } from './1795650253902-XapiOutbox.js';
import { AccessControls1795653000300 } from './1795653000300-AccessControls.js';
import { SoloReviewTotals1795660000000 } from './1795660000000-SoloReviewTotals.js';

// Listed explicitly (no glob): the TypeORM CLI and the app run the same compiled list in order.
export const MIGRATIONS = [Initial1795645181515, RulesInTheDatabase1795645181600, ShadowingAndRolePlay1795647380951, CertificationCycles1795649547383, QaScorecards1795650142043, XapiOutbox1795650253902, ReviewConversations1795652852168, AccessControls1795653000300, SoloReviewTotals1795660000000];
