BBBB BBBBBBBBBBBBBB BBB gettext(u'Confirm your subscription to the DigitalEES newsletter') BBBBBBBBBBBBB
