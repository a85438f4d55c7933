BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB
BBBBB BBBBBBB BBBBBBBB gettext(u'Register your organisation') BBBB gettext(u'Edit %(name)s') SSSS SSSSSSSSBBBBBBBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      BB BBB BBBBBBBB
        XXXX XXXXXXXXXXXX gettext(u'Breadcrumb') XX
          XXX XXXXXXXXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Dashboard') XXXXXXXXX
            XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Edit the profile') XXXXX
          XXXXX
        XXXXXX
      BBBBB

      BB BBBBBBBB
        XXX XXXXXXXXXXXXX gettext(u'Register your organisation') XXXXX
        XX XXXXXXXXXXXXX gettext(u'Tell us about your social-economy enterprise. You will be its admin and can invite your colleagues afterwards.') XXXX
      BBBB
        XXX XXXXXXXXXXXXX gettext(u'Edit %(name)s') SSSS SSSSSSSSXXXXX
        XX XXXXXXXXXXXXX gettext(u"Keep your organisation's profile up to date: coaches and the agency rely on it.") XXXX
      BBBBB
      XX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXX gettext(u'Fields marked with an asterisk (*) are required.') XXXX

      XXXX XXXXXXXXXXX XXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          XXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXX
            BBBBBBBBBB
            FFFFFF
            XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXX XXXXXX
              XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXBB BBBBBBBB gettext(u'Register the organisation') BBBB gettext(u'Save the profile') BBBBBXXXXXXXXX
              XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXBB BBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBXX gettext(u'Cancel') XXXX
            XXXXXX
          XXXXXXX
        XXXXXX
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
