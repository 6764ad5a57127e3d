export {
  DEFAULT_CURRENCY, INTL_TO_ISO_4217_RESCALE, ISO_4217_PUBLISHED, NO_MINOR_UNIT, isValidCurrency, minorUnitDigits,
} from './currency.js';
export { MAX_MINOR_AMOUNT, multiplyMinor, parseMinorAmount } from './amount.js';
export { majorToMinor, minorToMajor, type MajorToMinorResult } from './major-units.js';
export { fromMoneyMessage, toMoneyMessage, type Money, type MoneyMessage } from './money-message.js';
