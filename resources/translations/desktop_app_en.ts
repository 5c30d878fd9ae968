<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name />
    <message numerus="yes">
        <source>%1 of %n image(s) could not be captioned.</source>
        <translation>
            <numerusform>%1 of %n image could not be captioned.</numerusform><numerusform>%1 of %n images could not be captioned.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Translation: %n sentence(s); rows are target tokens, columns source tokens</source>
        <translation>
            <numerusform>Translation: %n sentence; rows are target tokens, columns source tokens</numerusform><numerusform>Translation: %n sentences; rows are target tokens, columns source tokens</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s). Drop more images or folders here.</source>
        <translation>
            <numerusform>%n image. Drop more images or folders here.</numerusform><numerusform>%n images. Drop more images or folders here.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n caption(s)</source>
        <translation>
            <numerusform>Copied %n caption</numerusform><numerusform>Copied %n captions</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Could not write %n sidecar file(s), e.g. %1</source>
        <translation>
            <numerusform>Could not write %n sidecar file, e.g. %1</numerusform><numerusform>Could not write %n sidecar files, e.g. %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Kept %n .txt file(s) that were there already (e.g. %1).</source>
        <translation>
            <numerusform>Kept %n .txt file that were there already (e.g. %1).</numerusform><numerusform>Kept %n .txt files that were there already (e.g. %1).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n sidecar .txt file(s)</source>
        <translation>
            <numerusform>Wrote %n sidecar .txt file</numerusform><numerusform>Wrote %n sidecar .txt files</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Reopened %n caption(s) from history (%1).</source>
        <translation>
            <numerusform>Reopened %n caption from history (%1).</numerusform><numerusform>Reopened %n captions from history (%1).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n captioned</source>
        <translation>
            <numerusform>%n captioned</numerusform><numerusform>%n captioned</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform><numerusform>%n failed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>── The %n oldest message(s) above no longer fit the model's context: it does not read them ──</source>
        <translation>
            <numerusform>── The %n oldest message above no longer fit the model's context: it does not read them ──</numerusform><numerusform>── The %n oldest messages above no longer fit the model's context: it does not read them ──</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s): %1</source>
        <translation>
            <numerusform>%n image: %1</numerusform><numerusform>%n images: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform><numerusform>%n images</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n text(s)</source>
        <translation>
            <numerusform>%n text</numerusform><numerusform>%n texts</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Done · %n sentence(s)</source>
        <translation>
            <numerusform>Done · %n sentence</numerusform><numerusform>Done · %n sentences</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n thread(s)</source>
        <translation>
            <numerusform>%1 · %n thread</numerusform><numerusform>%1 · %n threads</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Unused models unload after %n min</source>
        <translation>
            <numerusform>Unused models unload after %n min</numerusform><numerusform>Unused models unload after %n min</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform><numerusform>%n tokens</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform><numerusform>%n unreadable</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform><numerusform>%n segments</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 offers %n model(s); %2.</source>
        <translation>
            <numerusform>%1 offers %n model; %2.</numerusform><numerusform>%1 offers %n models; %2.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform><numerusform>%n files</numerusform></translation>
    </message>
</context>
</TS>