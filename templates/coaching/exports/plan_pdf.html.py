BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Transformation plan PDF — %(name)s') SSSSSSSSSSSSSS SSSS SSS S SSSSSSSSBBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXX gettext(u'Breadcrumb') XX
        XXX XXXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Dashboard') XXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXX gettext(u'Transformation plan — %(name)s') SSSSSSSSSSSSSS SSSS S SSSSSSSSXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'PDF') XXXXX
        XXXXX
      XXXXXX
      XXX XXXXXXXXXXXXX gettext(u'The plan as a PDF') XXXXX
      XX XXXXXXXXXXXXX gettext(u'A printable copy of the transformation plan of %(name)s (%(cohort)s), as it stands now, in the language you are reading.') S SSSSSSSSS SSSS SS SSS SSSSSSSSSSSSSS SSSS SS SSSSSSSS SSSSSSSSSSSSS SS SS SSSSSS SSSS SS SSS SSSSSSSS SSS SSS SSSSSSSSXXXX
      XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u"It holds the vision and objectives, the progress, the actions by status with their dimension, owner, dates and budget, the milestones, the methodology's steps done and the change per diagnostic dimension.") XXXX
      BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
      XXXXX XXXXXXXX gettext(u'Back to the plan') XXXXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
