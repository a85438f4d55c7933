BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBB BBBBBBBBBBBBBBBBB gettext(u'The diagnostic report of %(organisation_name)s is ready') SSS SSSSSSSSSS SSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSSSSBBBB gettext(u'Your DigitalEES diagnostic report is ready') BBBBBBBBBBBBB BBBBB
BBBBB BBBB
XXXBB BBBBBBBBBBBBBBBBB gettext(u'The PDF report of the digital maturity diagnostic of <b>%(organisation_name)s</b> (results of %(results_date)s) is ready.') SSS SSS SSSSSS SS SSS SSSSSSS SSSSSSSS SSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSS SSSSSSSS SS SSSSSSSSSSSSSSSSS SS SSSSSSBBBB gettext(u'The PDF report of your digital maturity diagnostic (results of %(results_date)s) is ready.') SSS SSS SSSSSS SS SSSS SSSSSSS SSSSSSSS SSSSSSSSSS SSSSSSSS SS SSSSSSSSSSSSSSSSS SS SSSSSSBBBBBXXXX
XXXXX XXXXXXXXXXXBB BBBBBBBBBB gettext(u'See your results and download the report') BBBB gettext(u'Download the PDF report') BBBBBXXXXXXXXXXXX
XXXBB BBBBBBBBBB gettext(u'The link opens your results, with the report ready to download, in any browser for %(expires_days)s days. Keep it to yourself: whoever has it can see your results. Create an account to keep them.') SSS SSSS SSSSS SSSS SSSSSSSS SSSS SSS SSSSSS SSSSS SS SSSSSSSSS SS SSS SSSSSSS SSS SSSSSSSSSSSSSSSS SSSSS SSSS SS SS SSSSSSSSS SSSSSSS SSS SS SSS SSS SSSS SSSSSSSS SSSSSS SS SSSSSSS SS SSSS SSSSSBBBB gettext(u'Log in with your DigitalEES account if you are asked to: only the people who may see these results can download the report.') BBBBBXXXX
XXX gettext(u'If the link does not work, copy this address into your browser:') XXXXXXXX
XXX gettext(u'If you did not ask for this report, you can ignore this message.') XXXX
BBBBBBBB BBBB
