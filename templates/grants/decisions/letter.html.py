BBBB BBBB BBBBBBBBBBBBBBBXXXXXXXXX XXXXX
XXXXX XXXXXXXX
XXXXXX
XXXXX XXXXXXXXXXXXXXXX
XXXXXXX gettext(u'Decision on your grant application')  X XXXXXXXX
XXXXX XXXXXXXXXXXXX XXXXXXXXXXX
XXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX

XXXXXXX
XXXXXX
XXXXXXX XXXXXXXXXXXXXXXXXXX
  XXXXX
    XX XXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXXXX gettext(u"DigitalEES — the digital-transformation programme for Wallonia's social-economy enterprises") XXXX
  XXXXXX
  XX XXXXXXXXXXXXXXXXXXXX
XXXXXXXXX

XXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Recipient') XX
  XXXXXXXXXXXXXXXXXXXXXXXX
  BB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBXXX gettext(u'Enterprise number')  XXXXBBBBB
  XXX XXXX
  XXXXXXX
XXXXXXXXXX

XXXX XXXXXXXXXXXXX
  XX XXXXXXXXXXXXXX gettext(u'Jambes, %(date)s') SSSSSSS SSSSSSSSXXXX
  XXX gettext(u'Reference:')  XXXX
  XXX gettext(u'Call:')  XXXX
XXXXXX

XXXXBB BBBBBBBB gettext(u'Your digitalisation grant is approved') BBBB gettext(u'Your grant application is not approved') BBBBBXXXXX

XXX gettext(u'Dear Sir or Madam,') XXXX
BB BBBBBBBB
  XXX gettext(u'The agency has examined your application “%(title)s” and grants you a digitalisation grant of %(amount)s.') SSS SSSSSS SSS SSSSSSSS SSSS SSSSSSSSSSS SSSSSSSSSSS SSS SSSSSS SSS S SSSSSSSSSSSSSS SSSSS SS SSSSSSSSSSSXXXX

  XXXXXXX
    XXXXXXXXX gettext(u'The grant') XXXXXXXXXX
    XXXXXXX
      XXXXXXX XXXXXXXXXXXX gettext(u'Amount approved') XXXXXXXX XXXXXXXXXXXXXXXFFFFFXXXXXXXXXX
      XXXXXXX XXXXXXXXXXXX gettext(u'Co-financing rate') XXXXXXXX XXXXXXXXXXXXXXXFFFFFFFFFFFFFFFF XXXXXXXXXXX
      XXXXXXX XXXXXXXXXXXX gettext(u'Advance, paid once the agreement is signed') XXXXXXXX XXXXXXXXXXXXXXXFFFFFXXXXXXXXXX
      XXXXXXX XXXXXXXXXXXX gettext(u'Balance, paid on the final report (at most)') XXXXXXXX XXXXXXXXXXXXXXXFFFFFXXXXXXXXXX
    XXXXXXXX
  XXXXXXXX
  XXX gettext(u'The grant pays %(rate)s %% of the eligible costs that you justify. The balance is computed from the eligible expenses justified in your final report, with their invoices and proofs of payment; it never brings the grant above the amount approved.') SSS SSSSS SSSS SSSSSSSS SS SS SSS SSSSSSSS SSSSS SSSS SSS SSSSSSSS SSS SSSSSSS SS SSSSSSSS SSSS SSS SSSSSSSS SSSSSSSS SSSSSSSSS SS SSSS SSSSS SSSSSSS SSSS SSSSS SSSSSSSS SSS SSSSSS SS SSSSSSSS SS SSSSS SSSSSS SSS SSSSS SSSSS SSS SSSSSS SSSSSSSSSXXXX
BBBB
  XXX gettext(u'The agency has examined your application “%(title)s” and regrets that it cannot grant it.') SSS SSSSSS SSS SSSSSSSS SSSS SSSSSSSSSSS SSSSSSSSSSS SSS SSSSSSS SSSS SS SSSSSS SSSSS SSSXXXX
BBBBB

XXXX gettext(u'Reasons for the decision') XXXXX
XXXFFFFFFFFFFFFXXXX

BB BBBBBBBB
  XXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'De minimis aid') XXXXX
    XXX gettext(u'This grant is de minimis aid, granted under Commission Regulation (EU) 2023/2831 of 13 December 2023 on the application of Articles 107 and 108 of the Treaty on the Functioning of the European Union to de minimis aid (OJ L, 2023/2831, 15.12.2023). Its gross amount is %(amount)s; it is granted on %(date)s.') SSSS SSSSS SS SS SSSSSSS SSSS SSSSSSS SSSSS SSSSSSSSSS SSSSSSSSSS SSSS SSSSSSSSS SS SS SSSSSSSS SSSS SS SSS SSSSSSSSSSS SS SSSSSSSS SSS SSS SSS SS SSS SSSSSS SS SSS SSSSSSSSSSS SS SSS SSSSSSSS SSSSS SS SS SSSSSSS SSS SSS SS SSSSSSSSSS SSSSSSSSSSSS SSS SSSSS SSSSSS SS SSSSSSSSSSS SS SS SSSSSSS SS SSSSSSSSSXXXX
    XXX gettext(u'Keep this letter: for three years, declare this aid whenever you apply for other de minimis aid. The total de minimis aid granted to a single undertaking may not exceed EUR 300,000 over any period of three years.') XXXX
  XXXXXXXXXX
BBBBB

XXXX XXXXXXXXXXXXXXXXXX
  XXX gettext(u'For the agency,') XXXX
  XXXXXXXXXXXXXXXXXXXXXXXX
  XXXXXXX
XXXXXX
XXXXXXX
XXXXXXX
