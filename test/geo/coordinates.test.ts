import { isLatitude, isLongitude } from '../../bot/geo/coordinates';

describe('the one latitude/longitude check', () => {
  it('takes points on the globe, edges included', () => {
    expect([isLatitude(7.89), isLatitude(-90), isLatitude(90), isLongitude(-72.5), isLongitude(180)]).toEqual([true, true, true, true, true]);
  });

  it('refuses what is off the globe or not a number', () => {
    expect([isLatitude(90.1), isLatitude(NaN), isLongitude(-180.5), isLongitude(Infinity)]).toEqual([false, false, false, false]);
  });
});
