BBBB BBBBBB BBBBBBBBBBBBBBB
  XXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXX
    XXX XXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Turn on two-factor authentication') XXXXX
    XX XXXXXXXXXXXXX gettext(u"Agency staff must protect their account with an authenticator app before they reach the agency's pages.") XXXX
    XX XXXXXXXXXX XXXXXX XXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBXX gettext(u'Set up an authenticator app') XXXX
  XXXXXX
BBBBB
