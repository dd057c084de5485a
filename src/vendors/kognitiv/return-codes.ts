/**
 * Kognitiv return codes, from the vendor's method pages and its Web_Service_Return_Codes page.
 * The sandbox answers with them and the tests iterate them.
 */
export const KOGNITIV_RETURN_CODES: Readonly<Record<number, string>> = {
  0: 'Success',
  1: 'Undefined Error (Please Contact Support)',
  2: 'All parameters must be sent, regardless if optional',
  100: 'Invalid Security Token',
  101: 'Invalid Permission for Method',
  102: 'Security Token Suspended',
  104: 'Temporary Security Token Expired',
  105: 'Temporary Security Token Invalid',
  300: 'Invalid Account Id',
  301: 'Account Id Marked as Inactive',
  302: 'Member Account is Suspended',
  303: 'Invalid Loyalty Program Id',
  305: 'Member is Not Enrolled in Loyalty Program',
  308: 'Invalid Phone Number Type External Reference',
  311: 'Invalid Internal Member Id',
  312: 'Member is a Prospect',
  315: 'Duplicate Phone Number - Already in use under another Member',
  316: 'Invalid Mobile Carrier External Reference',
  503: 'Invalid Location External Reference',
  602: 'Account Not Verified',
  603: 'Account Suspended',
  605: 'Portal Login Invalid',
  606: 'Portal Password Required',
  1000: 'No Account for Phone Number',
  1001: 'Promotion Processing Error',
  1002: 'Invalid Location External Reference',
  1200: 'Invalid Interaction External Reference',
};

/** The token codes every method can answer (Web_Service_Return_Codes). */
const TOKEN_CODES = [100, 101, 102, 104, 105] as const;

/**
 * Codes each method documents. The token codes 102/104/105 come from the general return-code page,
 * and 2 ("all parameters must be sent") likewise. FetchMemberPointBalances' page lists none: ours
 * (300, 311) are an assumption from its inputs.
 */
export const KOGNITIV_METHOD_CODES: Readonly<Record<string, readonly number[]>> = {
  FetchLoyaltyMemberCore: [1, 2, ...TOKEN_CODES, 300, 312],
  FetchMemberPointBalances: [1, 2, ...TOKEN_CODES, 300, 311],
  SaveAccountPhone: [1, 2, ...TOKEN_CODES, 308, 311, 315, 316],
  ProductPromotionEntry: [1, 2, ...TOKEN_CODES, 302, 303, 305, 1000, 1001, 1002],
  ExternalLogin: [1, 2, ...TOKEN_CODES, 602, 603, 605, 606],
  RecordInteraction: [1, 2, ...TOKEN_CODES, 300, 301, 503, 1200],
};
