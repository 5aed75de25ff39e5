/**
 * Mainland China's working-day calendar as dated data: the official holidays and the adjusted working days (调休上班)
 * of each year, exactly as the State Council General Office's yearly notice lists them. Weekends are the days off
 * otherwise. The notice for a year comes out in the November before it: add it here then (the content check,
 * site/checks/, fails once the current year is missing, and warns in December when next year is).
 *
 * Never fill a year in from a guess or a lunar-calendar estimate: a year that is not listed counts weekends only,
 * and the console says so. After adding a year, run `ops restore-to-call` in each stage: the toCall index stores each
 * waiting lead's due time, computed on the calendar in force when it was written.
 */
export interface WorkingCalendarYear {
  year: number;
  /** The notice's title and number, as published. */
  notice: string;
  /** YYYY-MM-DD: when the notice was issued. */
  issuedOn: string;
  /** Where the text can be read (Xinhua's release of the notice, as carried by gmw.cn; and gov.cn). */
  sources: readonly string[];
  /** Inclusive YYYY-MM-DD ranges of days off (放假). */
  daysOff: readonly (readonly [string, string])[];
  /** Weekend days that are working days (调休上班). */
  workingWeekendDays: readonly string[];
}

export const chinaWorkingCalendar: readonly WorkingCalendarYear[] = [
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    issuedOn: '2024-11-12',
    sources: ['https://m.gmw.cn/2024-11/12/content_1303894933.htm', 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm'],
    daysOff: [
      ['2025-01-01', '2025-01-01'], // 元旦
      ['2025-01-28', '2025-02-04'], // 春节
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    workingWeekendDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    issuedOn: '2025-11-04',
    sources: ['https://politics.gmw.cn/2025-11/04/content_38391083.htm', 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm'],
    daysOff: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    workingWeekendDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
